// The comments feeds: the site's (/comments/feed/) and each post's (PERMALINK/feed/), in every format.
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { mutableClock } from '../support/clock.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';

const BASE = 'http://blog.test';

describe('comments feeds', () => {
  const clock = mutableClock('2026-06-01T10:00:00Z');
  let app: TestApp;
  let post: Post;
  let other: Post;
  let draft: Post;
  let approved: number;
  let reply: number;
  const get = (url: string, headers: Record<string, string> = {}) => app.server.inject({ method: 'GET', url, headers });
  const rss = async (url: string) => parseRssFeed((await get(url)).body);

  beforeAll(async () => {
    app = await createTestApp({ clock });
    post = await buildPost(app, { title: 'Planes & <saws>', publishedAt: '2026-05-01T09:00:00Z' });
    other = await buildPost(app, { title: 'Another post', publishedAt: '2026-05-02T09:00:00Z' });
    draft = await buildPost(app, { title: 'A draft', status: 'draft' });
    approved = await buildComment(app, post, {
      authorName: 'Jules <Hayes>', authorEmail: 'jules@private.test', authorUrl: 'https://jules.example/',
      source: 'First & best ]]> comment', createdAt: '2026-05-03T10:00:00Z',
    });
    reply = await buildComment(app, post, { authorName: 'Indra', parentId: approved, source: 'A reply', createdAt: '2026-05-04T10:00:00Z' });
    await buildComment(app, other, { authorName: 'Harper', source: 'On the other post', createdAt: '2026-05-05T10:00:00Z' });
    await buildComment(app, post, { authorName: 'Pending Person', status: 'pending', source: 'Held for moderation', createdAt: '2026-05-06T10:00:00Z' });
    await buildComment(app, post, { authorName: 'Spam Person', status: 'spam', source: 'Buy things', createdAt: '2026-05-06T11:00:00Z' });
    await buildComment(app, draft, { authorName: 'Draft Commenter', source: 'On a draft', createdAt: '2026-05-06T12:00:00Z' });
  });
  afterAll(async () => app.close());

  it('lists the site’s newest approved comments as “Comment on TITLE by NAME”', async () => {
    const response = await get('/comments/feed/');
    expect(response.headers['content-type']).toBe('application/rss+xml; charset=UTF-8');
    const feed = parseRssFeed(response.body);
    expect(feed.title).toBe('Comments for Quire');
    expect(feed.items?.map((i) => i.title)).toEqual([
      'Comment on Another post by Harper', 'Comment on Planes & <saws> by Indra', 'Comment on Planes & <saws> by Jules <Hayes>',
    ]);
    const jules = feed.items?.[2];
    expect(jules?.link).toBe(`${BASE}${permalinkOf(post)}#comment-${approved}`);
    expect(jules?.guid).toEqual({ value: `${BASE}/?p=${post.id}#comment-${approved}`, isPermaLink: false });
    expect(jules?.dc?.creators).toEqual(['Jules <Hayes>']);
    expect(jules?.pubDate).toBe('Sun, 03 May 2026 10:00:00 GMT');
    expect(jules?.content?.encoded).toContain('First &amp; best ]]&gt; comment');
  });

  it.each(['/comments/', 'POST'])('serves the %s comments feed in all three formats, each read by the strict parser', async (which) => {
    const base = which === 'POST' ? permalinkOf(post) : which;
    const [rss2, atom, json] = await Promise.all([get(`${base}feed/`), get(`${base}feed/atom/`), get(`${base}feed/json/`)]);
    expect([rss2.headers['content-type'], atom.headers['content-type'], json.headers['content-type']]).toEqual([
      'application/rss+xml; charset=UTF-8', 'application/atom+xml; charset=UTF-8', 'application/feed+json; charset=UTF-8',
    ]);
    const links = [
      parseRssFeed(rss2.body).items?.map((i) => i.link),
      parseAtomFeed(atom.body).entries?.map((e) => e.links?.[0]?.href),
      parseJsonFeed(JSON.parse(json.body)).items?.map((i) => i.url),
    ];
    expect(links[0]?.length).toBeGreaterThan(1);
    expect(links[1]).toEqual(links[0]);
    expect(links[2]).toEqual(links[0]);
  });

  it('never shows a pending or spam comment, a comment on a draft, or anyone’s e-mail', async () => {
    for (const url of ['/comments/feed/', '/comments/feed/atom/', '/comments/feed/json/', `${permalinkOf(post)}feed/`]) {
      const body = (await get(url)).body;
      for (const text of ['Pending Person', 'Spam Person', 'Draft Commenter', 'Held for moderation', '@private.test', '@example.test']) {
        expect(body, `${url} ${text}`).not.toContain(text);
      }
    }
  });

  it('lists one post’s comments as “By: NAME” at its permalink + feed/, in every format', async () => {
    const feed = await rss(`${permalinkOf(post)}feed/`);
    expect(feed.title).toBe('Comments on: Planes & <saws>');
    expect(feed.link).toBe(`${BASE}${permalinkOf(post)}`);
    expect(feed.items?.map((i) => i.title)).toEqual(['By: Indra', 'By: Jules <Hayes>']);
    const atom = parseAtomFeed((await get(`${permalinkOf(post)}feed/atom/`)).body);
    expect(atom.entries?.map((e) => e.id)).toEqual([`${BASE}/?p=${post.id}#comment-${reply}`, `${BASE}/?p=${post.id}#comment-${approved}`]);
    expect(atom.entries?.[1]?.authors?.[0]).toMatchObject({ name: 'Jules <Hayes>', uri: 'https://jules.example/' });
    const json = parseJsonFeed(JSON.parse((await get(`${permalinkOf(post)}feed/json/`)).body));
    expect(json.items?.map((i) => i.title)).toEqual(['By: Indra', 'By: Jules <Hayes>']);
  });

  it.each([
    ['a post that does not exist', '/2026/05/01/no-such-post/feed/'],
    ['a draft', () => `/2026/06/01/${draft.slug}/feed/`],
    ['a post at the wrong date', () => `/2026/05/02/${post.slug}/feed/`],
    ['a date that cannot be', () => `/2026/13/01/${post.slug}/feed/`],
    ['a format that does not exist', () => `${permalinkOf(post)}feed/xml/`],
    ['a comments feed format that does not exist', '/comments/feed/rss3/'],
    ['an older format of a post that does not exist', '/2026/05/01/no-such-post/feed/rdf/'],
  ])('answers 404 for the comments feed of %s', async (_, url) => {
    const response = await get(typeof url === 'string' ? url : url());
    expect(response.statusCode).toBe(404);
  });

  it('sends WordPress’s older comments feeds (feed/rss/, feed/rdf/) to their RSS 2.0 feeds', async () => {
    const site = await get('/comments/feed/rdf/');
    expect([site.statusCode, site.headers.location]).toEqual([301, '/comments/feed/']);
    const own = await get(`${permalinkOf(post)}feed/rss/`);
    expect([own.statusCode, own.headers.location]).toEqual([301, `${permalinkOf(post)}feed/`]);
  });

  it('sends Last-Modified of the newest comment and answers 304 to a repeat', async () => {
    const first = await get(`${permalinkOf(post)}feed/`);
    expect(first.headers['last-modified']).toBe('Mon, 04 May 2026 10:00:00 GMT');
    expect((await get(`${permalinkOf(post)}feed/`, { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(304);
    expect((await get(`${permalinkOf(post)}feed/`, { 'if-modified-since': 'Mon, 04 May 2026 10:00:00 GMT' })).statusCode).toBe(304);
  });

  it('shows a comment once approved, in the post’s feed and the site’s, though both were cached', async () => {
    const held = await buildComment(app, other, { authorName: 'Late Approval', status: 'pending', createdAt: '2026-05-07T10:00:00Z' });
    await get('/comments/feed/');
    await get(`${permalinkOf(other)}feed/`);
    expect((await get('/comments/feed/')).headers['x-cache']).toBe('HIT');
    await app.services.comments.setStatus(held, 'approved');
    expect((await rss('/comments/feed/')).items?.[0]?.title).toBe('Comment on Another post by Late Approval');
    expect((await rss(`${permalinkOf(other)}feed/`)).items?.[0]?.title).toBe('By: Late Approval');
  });
});
