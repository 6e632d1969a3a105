// The page cache over HTTP: hits, encodings, ETags and 304s, who bypasses it, what is never kept, tag headers.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import type { Term } from '../../src/features/taxonomy/index.js';
import type { User } from '../../src/features/users/index.js';
import { PENDING_COMMENT_COOKIE, SESSION_COOKIE } from '../../src/http/cookie-names.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildCategory, buildPost, permalinkOf } from '../support/factories.js';

type Headers = Record<string, string>;

describe('the page cache', () => {
  let app: TestApp;
  let author: User;
  let category: Term;
  let post: Post;
  const get = (url: string, headers: Headers = {}) => app.server.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    app = await createTestApp();
    author = await buildAuthor(app, { login: 'ines', displayName: 'Inès Marlow' });
    category = await buildCategory(app, { name: 'Joinery' });
    post = await buildPost(app, { title: 'Dovetails by hand', author, categories: [category], tags: ['saws'] });
    await buildPost(app, { title: 'Sharpening', author });
  });
  afterAll(() => app.close());

  it('answers a second anonymous GET from the cache, with the very same bytes and ETag', async () => {
    const first = await get('/');
    const second = await get('/');
    expect([first.statusCode, first.headers['x-cache']]).toEqual([200, 'MISS']);
    expect([second.statusCode, second.headers['x-cache']]).toEqual([200, 'HIT']);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    // Hooks that run on every response still run on hits.
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
  });

  it('serves gzip and brotli variants that decode to the same bytes, and says that it varies', async () => {
    const plain = await get(permalinkOf(post));
    const br = await get(permalinkOf(post), { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await get(permalinkOf(post), { 'accept-encoding': 'gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(gunzipSync(gzip.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    for (const response of [plain, br, gzip]) expect(response.headers.vary).toBe('Accept-Encoding');
    expect(new Set([plain.headers.etag, br.headers.etag, gzip.headers.etag]).size).toBe(3);
  });

  it('answers a matching If-None-Match with 304 and no body, on a miss and on a hit, in any encoding', async () => {
    const url = '/category/joinery/';
    const miss = await get(url);
    expect(miss.headers['x-cache']).toBe('MISS');
    app.events.publish({ type: 'settings' }); // empty the cache: the next answer is rendered again
    const revalidatedMiss = await get(url, { 'if-none-match': String(miss.headers.etag) });
    expect([revalidatedMiss.statusCode, revalidatedMiss.headers['x-cache'], revalidatedMiss.body]).toEqual([304, 'MISS', '']);
    const br = await get(url, { 'accept-encoding': 'br' });
    const revalidatedHit = await get(url, { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
    expect([revalidatedHit.statusCode, revalidatedHit.headers['x-cache'], revalidatedHit.body]).toEqual([304, 'HIT', '']);
    expect(revalidatedHit.headers.etag).toBe(br.headers.etag);
    expect((await get(url, { 'if-none-match': '"0000"' })).statusCode).toBe(200);
  });

  it('also serves HEAD from the cache', async () => {
    await get('/');
    const head = await app.server.inject({ method: 'HEAD', url: '/' });
    expect([head.statusCode, head.headers['x-cache'], head.body]).toEqual([200, 'HIT', '']);
    expect(Number(head.headers['content-length'])).toBe((await get('/')).rawPayload.length);
  });

  it.each([
    ['a session', `${SESSION_COOKIE}=abc123`],
    ['a comment awaiting moderation', `theme=dark; ${PENDING_COMMENT_COOKIE}=42.sig`],
  ])('gives a reader with %s a fresh page, kept by nobody, that still revalidates', async (_, cookie) => {
    await get('/');
    const cached = await get('/');
    expect(cached.headers['x-cache']).toBe('HIT');
    const personal = await get('/', { cookie });
    expect(personal.headers['x-cache']).toBe('BYPASS');
    expect(personal.headers['cache-control']).toBe('private, no-cache');
    expect(personal.headers['surrogate-key']).toBeUndefined();
    const revalidated = await get('/', { cookie, 'if-none-match': String(personal.headers.etag) });
    expect([revalidated.statusCode, revalidated.headers['x-cache']]).toEqual([304, 'BYPASS']);
  });

  it('marks anonymous pages for shared caches, with the tags of what they show', async () => {
    const single = await get(permalinkOf(post));
    expect(single.headers['cache-control']).toBe('public, max-age=0, s-maxage=300, stale-while-revalidate=60');
    const keys = String(single.headers['surrogate-key']).split(' ');
    const saws = await app.services.taxonomy.findBySlug('post_tag', 'saws');
    expect(keys).toEqual(expect.arrayContaining(['site', `post:${post.id}`, `term:${category.id}`, `term:${saws?.id}`, `author:${author.id}`]));
    expect(String(single.headers['cache-tag']).split(',').sort()).toEqual([...keys].sort());

    const archive = await get('/category/joinery/');
    expect(String(archive.headers['surrogate-key']).split(' ')).toEqual(
      expect.arrayContaining(['site', `term:${category.id}`, `post:${post.id}`]),
    );
    const byAuthor = await get('/author/ines/');
    expect(String(byAuthor.headers['surrogate-key']).split(' ')).toContain(`author:${author.id}`);
  });

  it.each([
    ['404', '/no/such/page/', 404],
    ['400', '/?paged=zero', 400],
  ])('never keeps a %s page', async (_, url, status) => {
    for (let i = 0; i < 3; i++) {
      const response = await get(url);
      expect(response.statusCode).toBe(status);
      expect(response.headers['x-cache']).not.toBe('HIT');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['surrogate-key']).toBeUndefined();
    }
  });

  it('never keeps a 410 page', async () => {
    const gone = await buildPost(app, { title: 'Withdrawn', author });
    await app.services.posts.moveToTrash(gone.id);
    for (let i = 0; i < 3; i++) {
      const response = await get(permalinkOf(gone));
      expect([response.statusCode, response.headers['cache-control']]).toEqual([410, 'no-store']);
      expect(response.headers['x-cache']).not.toBe('HIT');
    }
  });

  it('never keeps the health check or setup pages', async () => {
    for (let i = 0; i < 2; i++) {
      const health = await get('/healthz');
      expect([health.headers['x-cache'], health.headers['cache-control']]).toEqual(['BYPASS', 'no-store']);
      const setup = await get('/setup/not-a-token');
      expect(setup.headers['x-cache']).not.toBe('HIT');
    }
  });

  it('does not touch the caching of theme assets', async () => {
    const home = await get('/');
    const href = /href="(\/assets\/quire\.[^"]+\.css)"/.exec(home.body)?.[1] ?? '';
    const css = await get(href);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.headers['x-cache']).toBeUndefined();
  });
});

describe('with QUIRE_PAGE_CACHE=off', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ config: { pageCache: false } });
    await buildPost(app, { title: 'Uncached' });
  });
  afterAll(() => app.close());

  it('renders every request, yet still tells browsers and CDNs how to cache and revalidate', async () => {
    const responses = [];
    for (let i = 0; i < 3; i++) responses.push(await app.server.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } }));
    for (const response of responses) {
      expect(response.headers['x-cache']).toBe('BYPASS');
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers['cache-control']).toBe('public, max-age=0, s-maxage=300, stale-while-revalidate=60');
      expect(response.headers['surrogate-key']).toContain('site');
    }
    const etag = String(responses[0]?.headers.etag);
    const revalidated = await app.server.inject({ method: 'GET', url: '/', headers: { 'if-none-match': etag } });
    expect([revalidated.statusCode, revalidated.body]).toEqual([304, '']);
  });
});
