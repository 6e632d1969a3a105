// Our RSS feeds against WordPress 6.1.9's own (test/fixtures/feeds/): every channel and item field a WordPress
// feed carries, ours carries too, read by the same strict parser (feedsmith), so readers switching sites lose nothing.
// Where ours differ on purpose: comment GUIDs are {site}/?p=ID#comment-N (they survive a slug change); dates end in
// "GMT" (RFC 822 either way); titles are plain text in CDATA (WordPress HTML-escapes them); the enclosure is the
// featured image (WordPress uses enclosure post meta); we add <docs>, generator "Quire" and language on comment feeds;
// /feed/rss/ and /feed/rdf/ answer 301 to RSS 2.0; Atom and JSON comment feeds exist (WordPress has neither).
import fs from 'node:fs';
import path from 'node:path';
import { parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildCategory, buildComment, buildPost, permalinkOf } from '../support/factories.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/feeds');

/** Dotted paths of every value in a parsed feed ("items[].dc.creators"), array elements merged. */
function fieldsOf(value: unknown, prefix = ''): Set<string> {
  const fields = new Set<string>();
  if (Array.isArray(value)) {
    for (const element of value) for (const field of fieldsOf(element, `${prefix}[]`)) fields.add(field);
    if (value.length === 0) fields.add(prefix);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) for (const field of fieldsOf(inner, prefix ? `${prefix}.${key}` : key)) fields.add(field);
  } else if (value !== undefined && value !== '') {
    fields.add(prefix);
  }
  return fields;
}

const wordpress = (file: string) => fieldsOf(parseRssFeed(fs.readFileSync(path.join(FIXTURES, file), 'utf8')));

describe('our RSS feeds carry what WordPress’s carry', () => {
  let app: TestApp;
  let post: Post;
  const ours = async (url: string) => fieldsOf(parseRssFeed((await app.server.inject(url)).body));

  beforeAll(async () => {
    app = await createTestApp();
    await app.services.settings.update({ tagline: 'A site' });
    const category = await buildCategory(app, { name: 'History' });
    post = await buildPost(app, { title: 'A long read', categories: [category] });
    const first = await buildComment(app, post, { authorName: 'Indra Archer' });
    await buildComment(app, post, { authorName: 'Jules Hayes', parentId: first });
  });
  afterAll(async () => app.close());

  it.each([
    ['the site feed', 'feed_rss2.xml', () => '/feed/'],
    ['the comments feed', 'comments_feed_rss2.xml', () => '/comments/feed/'],
    ['a post’s comments feed', 'post_main_comments_feed_rss2.xml', () => `${permalinkOf(post)}feed/`],
  ])('%s has every field of WordPress’s', async (_, fixture, url) => {
    const theirs = wordpress(fixture);
    expect(theirs.size).toBeGreaterThan(10);
    const mine = await ours(url());
    expect([...theirs].filter((field) => !mine.has(field))).toEqual([]);
  });
});
