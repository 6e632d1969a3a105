// Every service write that changes a public page purges it: right after the write returns, no reader gets old bytes.
//
// The write paths and what they purge (src/http/cache/invalidation.ts):
// | write                                   | event            | purges          | pages checked here                           |
// | posts.create (published)                | post             | site, post:ID   | home, single, category, another post         |
// | posts.create (draft, scheduled)         | post             | site, post:ID   | none shows it (purged anyway: correct first) |
// | posts.publishScheduled (the due job)    | post             | site, post:ID   | home, category, another post                 |
// | posts.moveToTrash                       | post             | site, post:ID   | home, single (410), category, another post   |
// | taxonomy.create                         | term             | site, term:ID   | every sidebar                                |
// | taxonomy.setPostTerms                   | post             | site, post:ID   | both archives, single, home, another post    |
// | comments.insertTrusted (approved)       | comment          | post:ID         | single, home and archive cards; not others   |
// | comments.insertTrusted (pending)        | (none)           | nothing         | all still served from the cache              |
// | settings.update                         | settings         | everything      | every page                                   |
// | users.create                            | user             | site, author:ID | the author's archive                         |
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import type { Term } from '../../src/features/taxonomy/index.js';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildCategory, buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { type Page, parseHtml } from '../support/html.js';
import { cardTitles, textsOf } from '../support/pages.js';

describe('page cache invalidation: every write path', () => {
  let app: TestApp;
  let author: User;
  let joinery: Term;
  let turning: Term;
  let featured: Post;
  let other: Post;
  const get = (url: string) => app.server.inject({ method: 'GET', url });
  const urls = () => ({ home: '/', single: permalinkOf(featured), category: '/category/joinery/', other: permalinkOf(other) });
  const recent = ($: Page) => textsOf($, '.widget-recent li a');
  const categories = ($: Page) => textsOf($, '.widget-categories li > a');

  /** Fetches each page until the cache serves it, so that the write must really purge it. */
  async function warm(list: readonly string[]): Promise<Map<string, string>> {
    const cached = new Map<string, string>();
    for (const url of list) {
      await get(url);
      const hit = await get(url);
      expect(hit.headers['x-cache'], url).toBe('HIT');
      cached.set(url, hit.body);
    }
    return cached;
  }

  /** The pages right after a write: none may be the bytes cached before it. */
  async function afterWrite(cached: Map<string, string>): Promise<Page[]> {
    const pages: Page[] = [];
    for (const [url, before] of cached) {
      const response = await get(url);
      expect(response.headers['x-cache'], `${url} after the write`).not.toBe('HIT');
      expect(response.body === before, `${url} is still the page cached before the write`).toBe(false);
      pages.push(parseHtml(response.body));
    }
    return pages;
  }

  beforeAll(async () => {
    app = await createTestApp();
    author = await buildAuthor(app, { login: 'noor', displayName: 'Noor Haddad' });
    joinery = await buildCategory(app, { name: 'Joinery' });
    turning = await buildCategory(app, { name: 'Turning' });
    featured = await buildPost(app, { title: 'Mortise and tenon', author, categories: [joinery] });
    other = await buildPost(app, { title: 'Glue-ups', author });
  });
  afterAll(() => app.close());

  it('posts.create (published): the new post is on the home page, in its category and in every sidebar', async () => {
    const { home, single, category, other: elsewhere } = urls();
    const cached = await warm([home, single, category, elsewhere]);
    await app.services.posts.create({ title: 'Bridle joints', source: 'New.', status: 'published', termIds: [joinery.id] }, author);
    const [$home, $single, $category, $other] = await afterWrite(cached);
    expect(cardTitles($home!)).toContain('Bridle joints');
    expect(cardTitles($category!)).toContain('Bridle joints');
    expect(recent($single!)).toContain('Bridle joints');
    expect(recent($other!)).toContain('Bridle joints');
  });

  it.each(['draft', 'scheduled'] as const)('posts.create (%s): no page shows it', async (status) => {
    const { home, single, category, other: elsewhere } = urls();
    await warm([home, single, category, elsewhere]);
    const title = `Unreleased ${status}`;
    const publishedAt = status === 'scheduled' ? new Date(Date.now() + 86_400_000).toISOString() : undefined;
    await app.services.posts.create({ title, source: 'Not yet.', status, publishedAt, termIds: [joinery.id] }, author);
    for (const url of [home, single, category, elsewhere]) expect((await get(url)).body).not.toContain(title);
  });

  it('posts.publishScheduled: the scheduled post appears on the home page, in its category and in the sidebars', async () => {
    const publishedAt = new Date(Date.now() - 60_000).toISOString();
    const due = await app.services.posts.create({ title: 'Due now', source: 'Timed.', status: 'scheduled', publishedAt, termIds: [joinery.id] }, author);
    const cached = await warm(['/', '/category/joinery/', permalinkOf(other)]);
    await app.services.posts.publishScheduled(due.id); // what the posts.publish job calls when it is due
    const [$home, $category, $other] = await afterWrite(cached);
    expect(cardTitles($home!)).toContain('Due now');
    expect(cardTitles($category!)).toContain('Due now');
    expect(recent($other!)).toContain('Due now');
  });

  it('posts.moveToTrash: the post leaves the home page, its category and the sidebars; its page is gone', async () => {
    const victim = await buildPost(app, { title: 'Pocket screws', author, categories: [joinery] });
    const cached = await warm(['/', permalinkOf(victim), '/category/joinery/', permalinkOf(other)]);
    await app.services.posts.moveToTrash(victim.id);
    expect((await get(permalinkOf(victim))).statusCode).toBe(410);
    cached.delete(permalinkOf(victim));
    const [$home, $category, $other] = await afterWrite(cached);
    expect(cardTitles($home!)).not.toContain('Pocket screws');
    expect(cardTitles($category!)).not.toContain('Pocket screws');
    expect(recent($other!)).not.toContain('Pocket screws');
  });

  it('taxonomy.create: the new category is in every sidebar', async () => {
    const { home, single, category, other: elsewhere } = urls();
    const cached = await warm([home, single, category, elsewhere]);
    await app.services.taxonomy.create('category', { name: 'Marquetry' });
    for (const $ of await afterWrite(cached)) expect(categories($)).toContain('Marquetry');
  });

  it('taxonomy.setPostTerms: the post moves between archives, and its page, card and the counts follow', async () => {
    const mover = await buildPost(app, { title: 'Finger joints', author, categories: [joinery] });
    const cached = await warm(['/category/joinery/', '/category/turning/', permalinkOf(mover), '/', permalinkOf(other)]);
    await app.services.taxonomy.setPostTerms(mover.id, [turning.id]);
    const [$joinery, $turning, $single, $home, $other] = await afterWrite(cached);
    expect(cardTitles($joinery!)).not.toContain('Finger joints');
    expect(cardTitles($turning!)).toContain('Finger joints');
    expect(textsOf($single!, '.cat-links a')).toEqual(['Turning']);
    expect(textsOf($home!, `#post-${mover.id} .cat-links a`)).toEqual(['Turning']);
    expect(textsOf($other!, '.widget-categories li')).toContain('Turning (1)');
  });

  it('comments.insertTrusted (approved): the post and its cards show it; unrelated pages stay cached', async () => {
    const { home, single, category, other: elsewhere } = urls();
    const cached = await warm([home, single, category, elsewhere]);
    const before = Number(/\d+/.exec(textsOf(parseHtml(cached.get(home)!), `#post-${featured.id} .comments-link a`)[0] ?? '')?.[0] ?? 0);
    await buildComment(app, featured, { source: 'Chop the waste in two passes.' });
    cached.delete(elsewhere);
    const [$home, $single, $category] = await afterWrite(cached);
    expect(textsOf($single!, '.comment-content')).toContain('Chop the waste in two passes.');
    const label = `${before + 1} comment${before + 1 === 1 ? '' : 's'}`;
    for (const $ of [$home!, $category!]) expect(textsOf($, `#post-${featured.id} .comments-link a`)[0]).toContain(label);
    expect((await get(elsewhere)).headers['x-cache']).toBe('HIT');
  });

  it('comments.insertTrusted (pending): nothing changes, so everything stays cached', async () => {
    const { home, single, category, other: elsewhere } = urls();
    await warm([home, single, category, elsewhere]);
    await buildComment(app, featured, { status: 'pending', source: 'Awaiting a moderator.' });
    for (const url of [home, single, category, elsewhere]) expect((await get(url)).headers['x-cache']).toBe('HIT');
  });

  it('settings.update: every page shows the new title', async () => {
    const { home, single, category, other: elsewhere } = urls();
    const cached = await warm([home, single, category, elsewhere, '/author/noor/']);
    await app.services.settings.update({ title: 'The Workbench' });
    for (const $ of await afterWrite(cached)) expect($('.site-title').text().trim()).toBe('The Workbench');
  });

  it('users.create: the new author has an archive at once', async () => {
    await warm(['/', permalinkOf(other)]);
    expect((await get('/author/pavel/')).statusCode).toBe(404);
    await buildAuthor(app, { login: 'pavel', displayName: 'Pavel Orlov' });
    const archive = await get('/author/pavel/');
    expect(archive.statusCode).toBe(200);
    expect(parseHtml(archive.body)('h1').text()).toContain('Pavel Orlov');
  });

  it('a page rendered from data read before a write returns is shown to its reader but never kept', async () => {
    // Stand-in: the home page's post query is held open after it has read, so that the write lands mid-render.
    const posts = app.services.posts;
    const original = posts.listPublished;
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let hasRead = () => {};
    const reading = new Promise<void>((resolve) => (hasRead = resolve));
    posts.listPublished = async (...args) => {
      const result = await original(...args);
      hasRead();
      await gate;
      return result;
    };
    try {
      app.events.publish({ type: 'settings' }); // nothing cached: the next request renders
      const slowReader = get('/');
      await reading;
      posts.listPublished = original;
      await buildPost(app, { title: 'Written mid-render', author });
      release();
      const raced = await slowReader;
      expect(cardTitles(parseHtml(raced.body))).not.toContain('Written mid-render');
      expect(raced.headers['cache-control']).toBe('no-cache');
      for (let i = 0; i < 2; i++) expect(cardTitles(parseHtml((await get('/')).body))).toContain('Written mid-render');
    } finally {
      posts.listPublished = original;
      release();
    }
  });
});
