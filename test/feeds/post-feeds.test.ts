// The posts feeds over HTTP (site, category, tag, author; RSS, Atom, JSON), each read with feedsmith's strict parsers.
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import type { Term } from '../../src/features/taxonomy/index.js';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { mutableClock } from '../support/clock.js';
import { buildAuthor, buildCategory, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';

const BASE = 'http://blog.test';
const HOSTILE_TITLE = 'Fish & <Chips> "quoted" 😀 ]]> and ]]> again';

describe('posts feeds', () => {
  const clock = mutableClock('2026-05-01T12:00:00Z');
  let app: TestApp;
  let author: User;
  let parent: Term;
  let child: Term;
  let hostile: Post;
  let imported: Post;
  let hidden: Post[];
  const get = (url: string, headers: Record<string, string> = {}) => app.server.inject({ method: 'GET', url, headers });
  const rss = async (url: string) => parseRssFeed((await get(url)).body);

  beforeAll(async () => {
    app = await createTestApp({ clock });
    author = await buildAuthor(app, { login: 'fern', displayName: 'Fern <Okoro> & Co' });
    parent = await buildCategory(app, { name: 'Craft & Making', slug: 'craft' });
    child = await buildCategory(app, { name: 'Woodworking', slug: 'woodworking', parentId: parent.id });
    await buildPost(app, { title: 'Older post', publishedAt: '2026-04-01T08:00:00Z', author, categories: [parent], tags: ['saws'] });
    imported = await buildPost(app, { title: 'Imported post', publishedAt: '2026-04-02T08:00:00Z', author });
    await app.db.kysely.updateTable('posts').set({ guid: 'http://old.example/?p=77' }).where('id', '=', imported.id).execute();
    await buildPost(app, { title: 'Child only', publishedAt: '2026-04-03T08:00:00Z', author, categories: [child] });
    clock.set('2026-05-01T13:00:00Z');
    hostile = await buildPost(app, {
      title: HOSTILE_TITLE,
      source: 'Body with < and & and "quotes" 😀 and ]]> twice ]]> and [a link](/about/).',
      publishedAt: '2026-04-04T08:00:00Z',
      author,
      categories: [parent],
    });
    hidden = await Promise.all([
      buildPost(app, { title: 'Secret draft', status: 'draft', author }),
      buildPost(app, { title: 'Secret private', status: 'private', author, categories: [parent] }),
      buildPost(app, { title: 'Secret pending', status: 'pending', author }),
      buildPost(app, { title: 'Secret trashed', author, categories: [parent] }),
      buildPost(app, { title: 'Secret page', type: 'page' }),
    ]);
    await app.services.posts.moveToTrash(hidden[3]!.id);
  });
  afterAll(async () => app.close());
  afterEach(async () => app.services.settings.update({ feedItems: 10, feedContent: 'full' }));

  it('serves the site feed as RSS 2.0 at /feed/ and /feed/rss2/, newest first, with WordPress’s fields', async () => {
    const response = await get('/feed/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/rss+xml; charset=UTF-8');
    const feed = parseRssFeed(response.body);
    expect(feed.title).toBe('Quire');
    expect(feed.link).toBe(`${BASE}/`);
    expect(feed.atom?.links?.[0]?.href).toBe(`${BASE}/feed/`);
    expect(feed.items?.map((i) => i.title)).toEqual([HOSTILE_TITLE, 'Child only', 'Imported post', 'Older post']);
    const [first] = feed.items ?? [];
    expect(first?.link).toBe(`${BASE}${permalinkOf(hostile)}`);
    expect(first?.guid).toEqual({ value: `${BASE}/?p=${hostile.id}`, isPermaLink: false });
    expect(first?.pubDate).toBe('Sat, 04 Apr 2026 08:00:00 GMT');
    expect(first?.dc?.creators).toEqual(['Fern <Okoro> & Co']);
    expect(first?.categories?.map((c) => c.name)).toEqual(['Craft & Making']);
    expect(first?.wfw?.commentRss).toBe(`${BASE}${permalinkOf(hostile)}feed/`);
    expect(first?.slash?.comments).toBe(0);
    expect(feed.sy?.updatePeriod).toBe('hourly');
    expect((await get('/feed/rss2/')).body).toBe(response.body);
  });

  it.each(['/', '/category/craft/', '/category/craft/woodworking/', '/tag/saws/', '/author/fern/'])(
    'serves %sfeed/ in all three formats, each read by the strict parser',
    async (base) => {
      const [rss2, atom, json] = await Promise.all([get(`${base}feed/`), get(`${base}feed/atom/`), get(`${base}feed/json/`)]);
      expect([rss2.statusCode, atom.statusCode, json.statusCode]).toEqual([200, 200, 200]);
      const titles = [
        parseRssFeed(rss2.body).items?.map((i) => i.title),
        // Atom titles are HTML (type="html"): decoded as a reader would.
        parseAtomFeed(atom.body).entries?.map((e) => parseHtml(e.title?.value ?? '').root().text()),
        parseJsonFeed(JSON.parse(json.body)).items?.map((i) => i.title),
      ];
      expect(titles[0]?.length).toBeGreaterThan(0);
      expect(titles[1]).toEqual(titles[0]);
      expect(titles[2]).toEqual(titles[0]);
    },
  );

  it('carries HTML content that survives <, &, quotes, emoji and ]]>, with absolute links', async () => {
    const [first] = (await rss('/feed/')).items ?? [];
    const content = first?.content?.encoded ?? '';
    expect(content).toContain('Body with &lt; and &amp; and');
    expect(content).toContain('😀');
    expect(content).toContain(']]&gt; twice ]]&gt;');
    expect(content).toContain(`href="${BASE}/about/"`);
    expect(first?.description).toContain('Body with &lt; and &amp;');
  });

  it('keeps an imported post’s GUID', async () => {
    const item = (await rss('/feed/')).items?.find((i) => i.title === 'Imported post');
    expect(item?.guid?.value).toBe('http://old.example/?p=77');
  });

  it('never lists a draft, private, pending, trashed post or a page', async () => {
    for (const url of ['/feed/', '/feed/atom/', '/feed/json/', '/category/craft/feed/', '/author/fern/feed/']) {
      const body = (await get(url)).body;
      for (const post of hidden) expect(body, `${url} ${post.title}`).not.toContain(post.title);
      expect(body).not.toContain('@example.test');
    }
  });

  it('serves Atom with RFC 3339 dates, escaped HTML titles and the author’s archive', async () => {
    const response = await get('/feed/atom/');
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=UTF-8');
    const feed = parseAtomFeed(response.body);
    const entry = feed.entries?.[0];
    expect(entry?.title).toEqual({ type: 'html', value: 'Fish &amp; &lt;Chips&gt; &quot;quoted&quot; 😀 ]]&gt; and ]]&gt; again' });
    expect(entry?.published).toBe('2026-04-04T08:00:00.000Z');
    expect(entry?.updated).toBe('2026-05-01T13:00:00.000Z');
    expect(entry?.id).toBe(`${BASE}/?p=${hostile.id}`);
    expect(entry?.authors?.[0]).toMatchObject({ name: 'Fern <Okoro> & Co', uri: `${BASE}/author/fern/` });
    expect(feed.links?.find((l) => l.rel === 'self')?.href).toBe(`${BASE}/feed/atom/`);
  });

  it('serves JSON Feed 1.1', async () => {
    const response = await get('/feed/json/');
    expect(response.headers['content-type']).toBe('application/feed+json; charset=UTF-8');
    const json = JSON.parse(response.body) as { version: string; feed_url: string };
    expect([json.version, json.feed_url]).toEqual(['https://jsonfeed.org/version/1.1', `${BASE}/feed/json/`]);
    const feed = parseJsonFeed(json);
    expect(feed.items?.[0]?.title).toBe(HOSTILE_TITLE);
    expect(feed.items?.[0]?.url).toBe(`${BASE}${permalinkOf(hostile)}`);
    expect(feed.items?.[0]?.authors?.[0]?.name).toBe('Fern <Okoro> & Co');
  });

  it('follows the Reading settings: as many items as feedItems, excerpts only when asked', async () => {
    await app.services.settings.update({ feedItems: 2, feedContent: 'excerpt' });
    const feed = await rss('/feed/');
    expect(feed.items?.map((i) => i.title)).toEqual([HOSTILE_TITLE, 'Child only']);
    expect(feed.items?.[0]?.content).toBeUndefined();
    expect(feed.items?.[0]?.description).toContain('Body with &lt; and &amp;');
  });

  it('lists a category’s posts with those of its child categories, at the category’s full path', async () => {
    const feed = await rss('/category/craft/feed/');
    expect(feed.items?.map((i) => i.title)).toEqual([HOSTILE_TITLE, 'Child only', 'Older post']);
    expect(feed.title).toBe('Quire » Craft & Making');
    expect(feed.link).toBe(`${BASE}/category/craft/`);
    const childFeed = parseAtomFeed((await get('/category/craft/woodworking/feed/atom/')).body);
    expect(childFeed.entries?.map((e) => e.title?.value)).toEqual(['Child only']);
    expect(parseJsonFeed(JSON.parse((await get('/category/craft/feed/json/')).body)).items).toHaveLength(3);
  });

  it('serves tag and author feeds', async () => {
    expect((await rss('/tag/saws/feed/')).items?.map((i) => i.title)).toEqual(['Older post']);
    expect((await rss('/author/fern/feed/')).items).toHaveLength(4);
    expect(parseAtomFeed((await get('/tag/saws/feed/atom/')).body).entries).toHaveLength(1);
  });

  it.each([
    '/category/no-such/feed/', '/category/craft/no-such/feed/', '/tag/no-such/feed/', '/author/no-such/feed/',
    '/feed/xml/', '/category/craft/feed/rss3/', '/tag/saws/feed/xml/', '/category/no-such/feed/rdf/', '/tag/no-such/feed/rss/', '/author/%00/feed/', '/category/%00/feed/',
    `/tag/${'a'.repeat(600)}/feed/`, `/category/${'a/'.repeat(300)}feed/`,
  ])('answers 404 for %s, as a page', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });

  it.each([
    ['/feed/rss/', '/feed/'], ['/feed/rdf/', '/feed/'], ['/category/craft/woodworking/feed/rdf/', '/category/craft/woodworking/feed/'],
    ['/tag/saws/feed/rss/', '/tag/saws/feed/'], ['/author/fern/feed/rdf/', '/author/fern/feed/'],
  ])('sends WordPress’s older feed %s to its RSS 2.0 feed %s', async (url, target) => {
    const response = await get(url);
    expect([response.statusCode, response.headers.location]).toEqual([301, target]);
  });

  it('answers a feed address with a broken %-escape 400, as a page', async () => {
    const response = await get('/tag/%E0%A4%A/feed/');
    expect([response.statusCode, response.headers['content-type']]).toEqual([400, 'text/html; charset=utf-8']);
  });

  it('sends Last-Modified (the newest item’s change) and answers 304 to If-None-Match and If-Modified-Since', async () => {
    const first = await get('/feed/');
    expect(first.headers['last-modified']).toBe('Fri, 01 May 2026 13:00:00 GMT');
    const etag = String(first.headers.etag);
    expect((await get('/feed/', { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await get('/feed/', { 'if-modified-since': 'Fri, 01 May 2026 13:00:00 GMT' })).statusCode).toBe(304);
    expect((await get('/feed/', { 'if-modified-since': 'Fri, 01 May 2026 12:59:59 GMT' })).statusCode).toBe(200);
    expect((await get('/feed/', { 'if-none-match': '"other"', 'if-modified-since': 'Fri, 01 May 2026 13:00:00 GMT' })).statusCode).toBe(200);
    const hit = await get('/feed/');
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers['last-modified']).toBe('Fri, 01 May 2026 13:00:00 GMT');
  });

  it('shows a newly published post at once: the page cache purges the feeds', async () => {
    await get('/feed/atom/');
    expect((await get('/feed/atom/')).headers['x-cache']).toBe('HIT');
    clock.set('2026-05-02T09:00:00Z');
    const fresh = await buildPost(app, { title: 'Fresh post', publishedAt: '2026-05-02T09:00:00Z', author, categories: [child] });
    expect(parseAtomFeed((await get('/feed/atom/')).body).entries?.[0]?.title?.value).toBe('Fresh post');
    expect((await rss('/category/craft/feed/')).items?.[0]?.title).toBe('Fresh post');
    await app.services.posts.moveToTrash(fresh.id);
    expect((await rss('/category/craft/feed/')).items?.[0]?.title).toBe(HOSTILE_TITLE);
  });

  it('gives a featured image as an enclosure', async () => {
    const { id } = await app.db.kysely
      .insertInto('media')
      .values({
        authorId: author.id, postId: null, filePath: '2026/04/plane.jpg', originalName: 'plane.jpg', mimeType: 'image/jpeg',
        sizeBytes: 48213, width: 1200, height: 800, guid: null, createdAt: '2026-04-01T00:00:00Z', updatedAt: '2026-04-01T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    clock.set('2026-05-03T09:00:00Z');
    await buildPost(app, { title: 'With a picture', publishedAt: '2026-05-03T09:00:00Z', author, featuredMediaId: id });
    const item = (await rss('/feed/')).items?.[0];
    expect(item?.enclosures).toEqual([{ url: `${BASE}/uploads/2026/04/plane.jpg`, length: 48213, type: 'image/jpeg' }]);
    const json = parseJsonFeed(JSON.parse((await get('/feed/json/')).body));
    expect(json.items?.[0]?.image).toBe(`${BASE}/uploads/2026/04/plane.jpg`);
  });

  it('moves Last-Modified when a post leaves the feed, so If-Modified-Since sees the change', async () => {
    clock.set('2026-05-04T09:00:00Z');
    const leaving = await buildPost(app, { title: 'Leaving soon', publishedAt: '2026-05-04T09:00:00Z', author });
    const before = await get('/feed/');
    expect(before.headers['last-modified']).toBe('Mon, 04 May 2026 09:00:00 GMT');
    clock.set('2026-05-05T09:00:00Z');
    await app.services.posts.moveToTrash(leaving.id);
    const after = await get('/feed/', { 'if-modified-since': String(before.headers['last-modified']) });
    expect(after.statusCode).toBe(200);
    expect(after.headers['last-modified']).toBe('Tue, 05 May 2026 09:00:00 GMT');
    expect(parseRssFeed(after.body).items?.map((i) => i.title)).not.toContain('Leaving soon');
  });
});
