// GET /wp-json/oembed/1.0/embed: oEmbed for our posts and pages (type "link": there is no embed page), and its refusals.
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildPage, buildPost, permalinkOf } from '../support/factories.js';

const BASE = 'http://blog.test';
const ENDPOINT = '/wp-json/oembed/1.0/embed';

describe('oEmbed', () => {
  let app: TestApp;
  let post: Post;
  let draft: Post;
  const embed = (query: Record<string, string>) => app.server.inject({ method: 'GET', url: `${ENDPOINT}?${new URLSearchParams(query)}` });

  beforeAll(async () => {
    app = await createTestApp();
    const author = await buildAuthor(app, { login: 'fern', displayName: 'Fern & Okoro' });
    post = await buildPost(app, { title: 'Planes <and> saws', author });
    draft = await buildPost(app, { title: 'Unpublished', status: 'draft', author });
    const about = await buildPage(app, { title: 'About', slug: 'about', author });
    await buildPage(app, { title: 'Team', slug: 'team', parentId: about.id, author });
  });
  afterAll(async () => app.close());

  it('describes a post as WordPress does, as a link (no embed page to frame)', async () => {
    const response = await embed({ url: `${BASE}${permalinkOf(post)}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      version: '1.0',
      provider_name: 'Quire',
      provider_url: BASE,
      author_name: 'Fern & Okoro',
      author_url: `${BASE}/author/fern/`,
      title: 'Planes <and> saws',
      type: 'link',
    });
  });

  it('gives a featured image as the thumbnail', async () => {
    const author = await buildAuthor(app);
    const { id } = await app.db.kysely
      .insertInto('media')
      .values({
        authorId: author.id, postId: null, filePath: '2026/04/plane.jpg', originalName: 'plane.jpg', mimeType: 'image/jpeg',
        sizeBytes: 1000, width: 1200, height: 800, guid: null, createdAt: '2026-04-01T00:00:00Z', updatedAt: '2026-04-01T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pictured = await buildPost(app, { title: 'Pictured', author, featuredMediaId: id });
    expect((await embed({ url: `${BASE}${permalinkOf(pictured)}` })).json()).toMatchObject({
      title: 'Pictured', thumbnail_url: `${BASE}/uploads/2026/04/plane.jpg`, thumbnail_width: 1200, thumbnail_height: 800,
    });
  });

  it('finds a nested page by its path and a post by /?p=ID', async () => {
    expect((await embed({ url: `${BASE}/about/team/` })).json()).toMatchObject({ title: 'Team', type: 'link' });
    expect((await embed({ url: `${BASE}/?p=${post.id}`, maxwidth: '300' })).json()).toMatchObject({ title: 'Planes <and> saws' });
  });

  it('answers format=xml as well-formed XML with the same fields', async () => {
    const response = await embed({ url: `${BASE}${permalinkOf(post)}`, format: 'xml' });
    expect(response.headers['content-type']).toBe('text/xml; charset=UTF-8');
    const fields: Record<string, string> = {};
    let open = '';
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      open = tag.name;
    });
    parser.on('text', (text) => {
      if (open) fields[open] = text;
    });
    parser.on('closetag', () => {
      open = '';
    });
    parser.write(response.body).close();
    expect(fields).toMatchObject({ version: '1.0', title: 'Planes <and> saws', author_name: 'Fern & Okoro', type: 'link' });
  });

  it('refuses a missing url as WordPress does', async () => {
    const response = await app.server.inject(ENDPOINT);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'rest_missing_callback_param', data: { status: 400, params: ['url'] } });
  });

  it.each([
    ['another site', 'https://elsewhere.example/2026/01/01/x/'],
    ['a draft', () => `${BASE}/?p=${draft.id}`],
    ['a post that does not exist', `${BASE}/2026/01/01/no-such-post/`],
    ['the home page', `${BASE}/`],
    ['no URL at all', 'not a url'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a broken %-escape', `${BASE}/%E0%A4%A/`],
    ['a NUL in the path', `${BASE}/%00/`],
    ['an oversized URL', `${BASE}/${'a/'.repeat(5000)}`],
  ])('answers oembed_invalid_url 404 for %s', async (_, url) => {
    const response = await embed({ url: typeof url === 'string' ? url : url() });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'oembed_invalid_url', message: 'Not Found', data: { status: 404 } });
  });

  it.each([
    [{ format: 'yaml' }],
    [{ maxwidth: 'wide' }],
    [{ maxwidth: '0' }],
  ])('refuses a bad %o with rest_invalid_param', async (bad) => {
    const response = await embed({ url: `${BASE}${permalinkOf(post)}`, ...bad });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'rest_invalid_param', data: { status: 400 } });
  });
});
