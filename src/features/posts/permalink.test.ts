// A post's address in each of Settings → Permalinks' structures.
import { describe, expect, it } from 'vitest';
import { postPermalinkPath } from './posts.js';

const DAY_AND_NAME = '/%year%/%monthnum%/%day%/%postname%/';

const post = { id: 42, slug: 'café-au-lait', publishedLocal: '2026-03-05T09:30:00' };

describe('postPermalinkPath', () => {
  it('encodes the slug', () => {
    expect(postPermalinkPath(post, DAY_AND_NAME)).toBe('/2026/03/05/caf%C3%A9-au-lait/');
  });

  it('follows each structure', () => {
    expect(postPermalinkPath(post, '/%year%/%monthnum%/%day%/%postname%/')).toBe('/2026/03/05/caf%C3%A9-au-lait/');
    expect(postPermalinkPath(post, '/%year%/%monthnum%/%postname%/')).toBe('/2026/03/caf%C3%A9-au-lait/');
    expect(postPermalinkPath(post, '/archives/%post_id%')).toBe('/archives/42/');
    expect(postPermalinkPath(post, '/%postname%/')).toBe('/caf%C3%A9-au-lait/');
  });
});
