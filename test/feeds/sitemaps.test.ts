// Sitemaps: the index and its files over HTTP, split into files at a limit, read with the strict XML parser saxes.
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { renderSitemapFile, renderSitemapIndex } from '../../src/http/feeds/sitemaps.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { mutableClock } from '../support/clock.js';
import { buildAuthor, buildCategory, buildPage, buildPost, permalinkOf } from '../support/factories.js';

const BASE = 'http://blog.test';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

interface Entry {
  readonly loc: string;
  readonly lastmod?: string;
}

/** The root element and its <url>/<sitemap> entries; throws on anything that is not well-formed XML. */
function readSitemap(xml: string): { root: string; entries: Entry[] } {
  const parser = new SaxesParser({ xmlns: true });
  let root = '';
  const entries: Entry[] = [];
  let current: { loc?: string; lastmod?: string } | undefined;
  let field: 'loc' | 'lastmod' | undefined;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    if (!root) root = `${tag.uri} ${tag.local}`;
    if (tag.local === 'url' || tag.local === 'sitemap') current = {};
    if (tag.local === 'loc' || tag.local === 'lastmod') field = tag.local;
  });
  parser.on('text', (text) => {
    if (current && field) current[field] = (current[field] ?? '') + text;
  });
  parser.on('closetag', (tag) => {
    if (tag.local === 'loc' || tag.local === 'lastmod') field = undefined;
    if ((tag.local === 'url' || tag.local === 'sitemap') && current?.loc) {
      entries.push(current.lastmod ? { loc: current.loc, lastmod: current.lastmod } : { loc: current.loc });
      current = undefined;
    }
  });
  parser.write(xml).close();
  return { root, entries };
}

describe('sitemaps', () => {
  const clock = mutableClock('2026-07-01T10:00:00Z');
  let app: TestApp;
  let posts: Post[];
  const get = (url: string) => app.server.inject({ method: 'GET', url });

  beforeAll(async () => {
    app = await createTestApp({ clock });
    const author = await buildAuthor(app, { login: 'fern' });
    await buildAuthor(app, { login: 'no-posts' });
    const parent = await buildCategory(app, { name: 'Craft', slug: 'craft' });
    const child = await buildCategory(app, { name: 'Wood & Co', slug: 'wood', parentId: parent.id });
    await buildCategory(app, { name: 'Empty', slug: 'empty' });
    posts = [];
    for (const [i, day] of ['01', '02', '03'].entries()) {
      clock.set(`2026-07-${day}T10:00:00Z`);
      posts.push(await buildPost(app, { title: `Post ${i}`, publishedAt: `2026-06-${day}T08:00:00Z`, author, categories: [child], tags: ['saws'] }));
    }
    await buildPost(app, { title: 'Draft', status: 'draft', author });
    const about = await buildPage(app, { title: 'About', slug: 'about', author });
    await buildPage(app, { title: 'Team', slug: 'team', parentId: about.id, author });
  });
  afterAll(async () => app.close());

  it('serves an index of one file per kind that has URLs, each with its newest change', async () => {
    const response = await get('/sitemap.xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=UTF-8');
    const { root, entries } = readSitemap(response.body);
    expect(root).toBe(`${NS} sitemapindex`);
    expect(entries.map((e) => e.loc)).toEqual(
      ['posts', 'pages', 'categories', 'tags', 'authors'].map((kind) => `${BASE}/sitemap-${kind}-1.xml`),
    );
    expect(entries[0]?.lastmod).toBe('2026-07-03T10:00:00.000Z');
  });

  it('lists published posts at their permalinks with lastmod, and never a draft', async () => {
    const { root, entries } = readSitemap((await get('/sitemap-posts-1.xml')).body);
    expect(root).toBe(`${NS} urlset`);
    expect(entries).toEqual(posts.map((p, i) => ({ loc: `${BASE}${permalinkOf(p)}`, lastmod: `2026-07-0${i + 1}T10:00:00.000Z` })));
  });

  it('lists pages at their full paths, categories at theirs, and only terms and authors with published posts', async () => {
    expect(readSitemap((await get('/sitemap-pages-1.xml')).body).entries.map((e) => e.loc)).toEqual([`${BASE}/about/`, `${BASE}/about/team/`]);
    const categories = readSitemap((await get('/sitemap-categories-1.xml')).body).entries;
    expect(categories).toEqual([{ loc: `${BASE}/category/craft/wood/`, lastmod: '2026-07-03T10:00:00.000Z' }]);
    expect(readSitemap((await get('/sitemap-tags-1.xml')).body).entries.map((e) => e.loc)).toEqual([`${BASE}/tag/saws/`]);
    expect(readSitemap((await get('/sitemap-authors-1.xml')).body).entries.map((e) => e.loc)).toEqual([`${BASE}/author/fern/`]);
  });

  it('splits a sitemap into files at the limit, and the index points to each', async () => {
    const index = readSitemap(await renderSitemapIndex(app.services, BASE, 2));
    expect(index.entries.map((e) => e.loc)).toEqual([
      `${BASE}/sitemap-posts-1.xml`, `${BASE}/sitemap-posts-2.xml`, `${BASE}/sitemap-pages-1.xml`,
      `${BASE}/sitemap-categories-1.xml`, `${BASE}/sitemap-tags-1.xml`, `${BASE}/sitemap-authors-1.xml`,
    ]);
    expect(index.entries.slice(0, 2).map((e) => e.lastmod)).toEqual(['2026-07-02T10:00:00.000Z', '2026-07-03T10:00:00.000Z']);
    const first = readSitemap((await renderSitemapFile(app.services, BASE, { kind: 'posts', file: 1 }, 2)) ?? '');
    const second = readSitemap((await renderSitemapFile(app.services, BASE, { kind: 'posts', file: 2 }, 2)) ?? '');
    expect([...first.entries, ...second.entries].map((e) => e.loc)).toEqual(posts.map((p) => `${BASE}${permalinkOf(p)}`));
    expect(await renderSitemapFile(app.services, BASE, { kind: 'posts', file: 3 }, 2)).toBeUndefined();
  });

  it.each(['/sitemap-posts-2.xml', '/sitemap-drafts-1.xml', '/sitemap-posts-0.xml', '/sitemap-posts-1.json', '/sitemap-posts-1.xml.gz', '/sitemap-'])(
    'answers 404 for %s',
    async (url) => {
      expect((await get(url)).statusCode).toBe(404);
    },
  );

  it('sends WordPress’s /wp-sitemap.xml to ours, and names the index in robots.txt', async () => {
    const redirect = await get('/wp-sitemap.xml');
    expect([redirect.statusCode, redirect.headers.location]).toEqual([301, '/sitemap.xml']);
    expect((await get('/robots.txt')).body.split('\n')).toContain(`Sitemap: ${BASE}/sitemap.xml`);
  });

  it('publishes no sitemap while the site discourages search engines', async () => {
    await app.services.settings.update({ discourageSearchEngines: true });
    try {
      expect((await get('/sitemap.xml')).statusCode).toBe(404);
      expect((await get('/sitemap-posts-1.xml')).statusCode).toBe(404);
    } finally {
      await app.services.settings.update({ discourageSearchEngines: false });
    }
    expect((await get('/sitemap.xml')).statusCode).toBe(200);
  });

  it('lists a newly published post at once (the cached sitemap is purged)', async () => {
    await get('/sitemap-posts-1.xml');
    expect((await get('/sitemap-posts-1.xml')).headers['x-cache']).toBe('HIT');
    const fresh = await buildPost(app, { title: 'Fresh', publishedAt: '2026-06-20T08:00:00Z' });
    expect(readSitemap((await get('/sitemap-posts-1.xml')).body).entries.map((e) => e.loc)).toContain(`${BASE}${permalinkOf(fresh)}`);
  });
});
