// Export then import into an empty site: every post, term, comment and media item arrives as it was.
import fs from 'node:fs';
import { Writable } from 'node:stream';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../support/app.js';
import { buildCategory, buildComment, buildPage, buildPost } from '../support/factories.js';
import { fixture, removeTempFiles, writeTemp } from './wxr-doc.js';

let source: TestApp;
let copy: TestApp;
let exported: string;

async function exportOf(app: TestApp): Promise<string> {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  await app.services.wxr.exportTo(out);
  return chunks.join('');
}

/** WXR dates are whole seconds (WordPress's 'YYYY-MM-DD HH:MM:SS'): what was written here at .742 comes back at .000. */
const wholeSeconds = (instant: string | null) => instant?.replace(/\.\d{3}Z$/, '.000Z') ?? null;

/** Everything the comparison looks at, keyed so that two sites can be compared whatever their ids. */
async function snapshot(app: TestApp) {
  const k = app.db.kysely;
  const logins = new Map((await k.selectFrom('users').select(['id', 'login']).execute()).map((u) => [u.id, u.login]));
  const terms = await k.selectFrom('terms').selectAll().execute();
  const termById = new Map(terms.map((t) => [t.id, t]));
  const media = await k.selectFrom('media').selectAll().execute();
  const mediaById = new Map(media.map((m) => [m.id, m]));
  const postTerms = await k.selectFrom('postTerms').selectAll().execute();
  const posts = (await k.selectFrom('posts').selectAll().orderBy('id').execute()).map((p) => ({
    id: p.id, type: p.type, title: p.title, slug: p.slug, status: p.status, publishedAt: wholeSeconds(p.publishedAt), publishedLocal: p.publishedLocal,
    contentHtml: p.contentHtml.trim(), excerpt: p.excerpt, author: logins.get(p.authorId), parentId: p.parentId, menuOrder: p.menuOrder,
    commentStatus: p.commentStatus, featured: p.featuredMediaId === null ? null : mediaById.get(p.featuredMediaId)?.sourceUrl,
    terms: postTerms.filter((pt) => pt.postId === p.id).map((pt) => `${termById.get(pt.termId)?.taxonomy}:${termById.get(pt.termId)?.slug}`).sort(),
  }));
  const termRows = terms.map((t) => ({
    key: `${t.taxonomy}:${t.slug}`, name: t.name, description: t.description, parent: t.parentId === null ? null : termById.get(t.parentId)?.slug,
  })).sort((a, b) => a.key.localeCompare(b.key));
  const comments = (await k.selectFrom('comments').selectAll().orderBy('id').execute()).map((c) => ({
    id: c.id, postId: c.postId, parentId: c.parentId, status: c.status, authorName: c.authorName, authorEmail: c.authorEmail,
    authorUrl: c.authorUrl, createdAt: wholeSeconds(c.createdAt), contentHtml: c.contentHtml.trim(),
  }));
  const mediaRows = media.map((m) => ({ url: m.sourceUrl || m.filePath, title: m.title, altText: m.altText, mimeType: m.mimeType, caption: m.caption }))
    .sort((a, b) => String(a.url).localeCompare(String(b.url)));
  return { posts, terms: termRows, comments, media: mediaRows };
}

beforeAll(async () => {
  source = await createTestApp();
  await source.services.wxr.importFile(fixture('themeunittestdata.wordpress.xml'));
  // And content written here: Markdown posts, a nested page, categories, tags, threaded comments.
  const parent = await buildCategory(source, { name: 'Round Parent' });
  const child = await buildCategory(source, { name: 'Round Child', parentId: parent.id });
  const post = await buildPost(source, { categories: [child], tags: ['round-trip'], source: 'Some *Markdown* with a ]]> inside.\n\nAnd a second paragraph.' });
  const first = await buildComment(source, post, { authorUrl: 'https://reader.example/?a=1&b=2' });
  await buildComment(source, post, { parentId: first, status: 'pending' });
  const top = await buildPage(source, { title: 'Round Top' });
  await buildPage(source, { title: 'Round Sub', parentId: top.id, menuOrder: 3 });
  await buildPost(source, { status: 'draft', title: 'Round Draft' });
  exported = await exportOf(source);
  copy = await createTestApp();
  await copy.services.wxr.importFile(writeTemp('export.xml', exported));
}, 120_000);
afterAll(async () => {
  removeTempFiles();
  await Promise.all([source?.close(), copy?.close()]);
});

describe('export → import round trip', () => {
  it('brings back every post and page: title, slug, status, dates, HTML, author, terms, parent, featured image', async () => {
    const [before, after] = [await snapshot(source), await snapshot(copy)];
    expect(after.posts).toHaveLength(before.posts.length);
    expect(after.posts).toEqual(before.posts);
  });

  it('brings back every category and tag with its name, description and parent', async () => {
    const [before, after] = [await snapshot(source), await snapshot(copy)];
    expect(after.terms).toEqual(before.terms);
  });

  it('brings back every comment: author, e-mail, URL, date, status, parent and content', async () => {
    const [before, after] = [await snapshot(source), await snapshot(copy)];
    expect(after.comments.length).toBeGreaterThan(25);
    expect(after.comments).toEqual(before.comments);
  });

  it('brings back every media item with its URL, title, alt text and type', async () => {
    const [before, after] = [await snapshot(source), await snapshot(copy)];
    expect(after.media).toHaveLength(37);
    expect(after.media).toEqual(before.media);
  });

  it('writes the channel and item elements a real WordPress export has', () => {
    const ours = cheerio.load(exported, { xml: true });
    const real = cheerio.load(fs.readFileSync(fixture('export_all.xml'), 'utf8'), { xml: true });
    for (const name of ['title', 'link', 'description', 'pubDate', 'language', 'wp\\:wxr_version', 'wp\\:base_site_url', 'wp\\:base_blog_url']) {
      expect(ours(`channel > ${name}`), name).toHaveLength(1);
    }
    const childNames = ($: cheerio.CheerioAPI) => new Set($('item').children().toArray().map((e) => e.tagName));
    const missing = [...childNames(real)].filter((name) => !childNames(ours).has(name));
    expect(missing).toEqual([]);
    expect(ours('wp\\:author').length).toBeGreaterThan(0);
    expect(ours('category[domain="category"][nicename]').length).toBeGreaterThan(0);
  });
});
