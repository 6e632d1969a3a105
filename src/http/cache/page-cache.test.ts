// The page cache store on its own: LRU by bytes, purges by tag, stale renders refused, ETags and variants.
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type PageToStore, createPageCache } from './page-cache.js';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const page = (text: string, tags: readonly string[] = ['site']): PageToStore => ({ headers: HTML, body: Buffer.from(text), tags });
const kilobytes = (n: number, fill = 'x') => fill.repeat(n * 1024);

describe('the page cache store', () => {
  it('keeps pages by key and hands back the same bytes and headers', () => {
    const cache = createPageCache();
    cache.set('/a/', page('<p>A</p>'), cache.sequence());
    expect(cache.get('/a/')?.body.toString()).toBe('<p>A</p>');
    expect(cache.get('/a/')?.headers).toEqual(HTML);
    expect(cache.get('/b/')).toBeUndefined();
  });

  it('evicts the least recently used pages once the total bytes exceed the bound', () => {
    // Room for three 3 kB pages with their bookkeeping, not four.
    const cache = createPageCache({ maxBytes: 11 * 1024, maxEntryBytes: 11 * 1024 });
    for (const key of ['/1/', '/2/', '/3/']) cache.set(key, page(kilobytes(3)), cache.sequence());
    cache.get('/1/'); // now /2/ is the least recently used
    cache.set('/4/', page(kilobytes(3)), cache.sequence());
    expect(cache.get('/2/')).toBeUndefined();
    expect(['/1/', '/3/', '/4/'].map((k) => cache.get(k) !== undefined)).toEqual([true, true, true]);
    expect(cache.stats().bytes).toBeLessThanOrEqual(11 * 1024);
  });

  it('does not keep a page larger than the per-entry bound', () => {
    const cache = createPageCache({ maxBytes: 64 * 1024, maxEntryBytes: 4 * 1024 });
    expect(cache.set('/big/', page(kilobytes(5)), cache.sequence())).toBeUndefined();
    expect(cache.get('/big/')).toBeUndefined();
  });

  it('counts compressed variants in its bytes and frees them with their page', async () => {
    const cache = createPageCache();
    const stored = cache.set('/a/', page(kilobytes(8, 'abc ')), cache.sequence());
    const before = cache.stats().bytes;
    const br = await cache.variant(stored!, 'br');
    expect(cache.stats().bytes).toBe(before + br.length);
    expect(await cache.variant(stored!, 'br')).toBe(br); // made once
    cache.purgeAll();
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0 });
  });

  it('makes gzip and brotli variants that decode to the very bytes of the page', async () => {
    const cache = createPageCache();
    const stored = cache.set('/a/', page(`<p>${kilobytes(4, 'Ünïcode ✓ ')}</p>`), cache.sequence())!;
    expect(gunzipSync(await cache.variant(stored, 'gzip')).equals(stored.body)).toBe(true);
    expect(brotliDecompressSync(await cache.variant(stored, 'br')).equals(stored.body)).toBe(true);
  });

  it('purges exactly the pages that carry a purged tag', () => {
    const cache = createPageCache();
    cache.set('/one/', page('1', ['site', 'post:1']), cache.sequence());
    cache.set('/two/', page('2', ['site', 'post:2']), cache.sequence());
    cache.set('/feed/', page('f', ['post:1', 'post:2']), cache.sequence());
    cache.purgeTags(['post:1']);
    expect(cache.get('/one/')).toBeUndefined();
    expect(cache.get('/feed/')).toBeUndefined();
    expect(cache.get('/two/')).toBeDefined();
    cache.purgeTags(['site']);
    expect(cache.stats().entries).toBe(0);
  });

  it('refuses a page whose render began before one of its tags was purged (it may show the old data)', () => {
    const cache = createPageCache();
    const since = cache.sequence();
    cache.purgeTags(['post:7']);
    expect(cache.set('/seven/', page('old', ['site', 'post:7']), since)).toBeUndefined();
    expect(cache.set('/eight/', page('fine', ['site', 'post:8']), since)).toBeDefined();
    cache.purgeAll();
    expect(cache.set('/eight/', page('old', ['post:8']), since)).toBeUndefined();
    expect(cache.set('/eight/', page('new', ['post:8']), cache.sequence())).toBeDefined();
  });

  it('gives a body a strong ETag that depends on its bytes only', () => {
    const cache = createPageCache();
    const a = cache.set('/a/', page('<p>same</p>'), cache.sequence())!;
    const b = cache.set('/b/', page('<p>same</p>', ['post:1']), cache.sequence())!;
    const c = cache.set('/c/', page('<p>other</p>'), cache.sequence())!;
    expect(a.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(b.etag).toBe(a.etag);
    expect(c.etag).not.toBe(a.etag);
    cache.purgeAll();
    expect(cache.set('/a/', page('<p>same</p>'), cache.sequence())?.etag).toBe(a.etag);
  });
});
