// /wp/v2/categories and /wp/v2/tags through real HTTP: WordPress's shapes, filters, orders and paging; writes for
// manage_categories holders only (401 anonymous, 403 other roles); delete only with force=true (501 otherwise).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Term } from '../../src/features/taxonomy/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildCategory, buildPost } from '../support/factories.js';
import { type ApiUser, apiUser, rest, restFixture } from './rest-client.js';

type Item = Record<string, unknown>;

let app: TestApp;
let editor: ApiUser;
let author: ApiUser;
let news: Term;
let sport: Term;
let football: Term;
let postId: number;

beforeAll(async () => {
  app = await createTestApp();
  editor = await apiUser(app, 'editor');
  author = await apiUser(app, 'author');
  news = await buildCategory(app, { name: 'News', description: 'What happened.' });
  sport = await buildCategory(app, { name: 'sport' });
  football = await buildCategory(app, { name: 'Football', parentId: sport.id });
  postId = (await buildPost(app, { categories: [news, football], tags: ['Goals', 'Weather'] })).id;
  await buildPost(app, { categories: [news] });
  await buildPost(app, { categories: [sport], status: 'draft' });
});
afterAll(async () => app.close());

const list = (url: string) => rest(app, 'GET', url).then((r) => ({ r, items: r.json<Item[]>() }));
const names = (items: Item[]) => items.map((item) => item.name);

describe('reading categories and tags', () => {
  it('shows a category with WordPress’s fields in its order, counting published posts only', async () => {
    const { r, items } = await list('/wp-json/wp/v2/categories?slug=news');
    expect(r.statusCode).toBe(200);
    const [wordpress] = restFixture<Item[]>('categories.json');
    expect(Object.keys(items[0] ?? {})).toEqual(Object.keys(wordpress ?? {}));
    expect(items[0]).toMatchObject({
      id: news.id, count: 2, description: 'What happened.', link: 'http://blog.test/category/news/', name: 'News', slug: 'news',
      taxonomy: 'category', parent: 0, meta: [],
    });
    const links = (items[0]?._links ?? {}) as Record<string, Array<{ href: string }>>;
    expect(links.self?.[0]?.href).toBe(`http://blog.test/wp-json/wp/v2/categories/${news.id}`);
    expect(links['wp:post_type']?.[0]?.href).toBe(`http://blog.test/wp-json/wp/v2/posts?categories=${news.id}`);
    expect(Object.keys(links)).toEqual(Object.keys((wordpress?._links ?? {}) as object));
  });

  it('gives a child category its path in the link and an embeddable up link; the draft does not count', async () => {
    const response = await rest(app, 'GET', `/wp-json/wp/v2/categories/${football.id}`);
    expect(response.json()).toMatchObject({ parent: sport.id, link: 'http://blog.test/category/sport/football/', count: 1 });
    expect(response.json<Item>()._links).toMatchObject({ up: [{ embeddable: true, href: `http://blog.test/wp-json/wp/v2/categories/${sport.id}` }] });
    expect((await rest(app, 'GET', `/wp-json/wp/v2/categories/${sport.id}`)).json()).toMatchObject({ count: 0 });
  });

  it('orders by name ignoring case by default, and by count, id or slug in either direction', async () => {
    expect(names((await list('/wp-json/wp/v2/categories')).items)).toEqual(['Football', 'News', 'sport']);
    expect(names((await list('/wp-json/wp/v2/categories?orderby=count&order=desc')).items)).toEqual(['News', 'Football', 'sport']);
    expect(names((await list('/wp-json/wp/v2/categories?orderby=id')).items)).toEqual(['News', 'sport', 'Football']);
    expect(names((await list('/wp-json/wp/v2/categories?orderby=slug&order=desc')).items)).toEqual(['sport', 'News', 'Football']);
  });

  it('filters by parent, post, search, include, exclude and hide_empty', async () => {
    expect(names((await list(`/wp-json/wp/v2/categories?parent=${sport.id}`)).items)).toEqual(['Football']);
    expect(names((await list('/wp-json/wp/v2/categories?parent=0')).items)).toEqual(['News', 'sport']);
    expect(names((await list(`/wp-json/wp/v2/categories?post=${postId}`)).items)).toEqual(['Football', 'News']);
    expect(names((await list('/wp-json/wp/v2/categories?search=OOT')).items)).toEqual(['Football']);
    expect(names((await list(`/wp-json/wp/v2/categories?include=${sport.id},${news.id}&orderby=include`)).items)).toEqual(['sport', 'News']);
    expect(names((await list(`/wp-json/wp/v2/categories?exclude[]=${news.id}`)).items)).toEqual(['Football', 'sport']);
    expect(names((await list('/wp-json/wp/v2/categories?hide_empty=true')).items)).toEqual(['Football', 'News']);
    expect(names((await list(`/wp-json/wp/v2/tags?post=${postId}`)).items)).toEqual(['Goals', 'Weather']);
  });

  it('pages with WordPress’s headers and refuses a page past the last', async () => {
    const { r, items } = await list('/wp-json/wp/v2/categories?per_page=2&page=2');
    expect(names(items)).toEqual(['sport']);
    expect(r.headers['x-wp-total']).toBe('3');
    expect(r.headers['x-wp-totalpages']).toBe('2');
    expect(String(r.headers.link)).toContain('rel="prev"');
    const beyond = await rest(app, 'GET', '/wp-json/wp/v2/categories?per_page=2&page=3');
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json<Item>().code).toBe('rest_term_invalid_page_number');
  });

  it('shows tags without a parent, at /tag/ addresses', async () => {
    const { items } = await list('/wp-json/wp/v2/tags?slug=goals');
    expect(items[0]).toMatchObject({ name: 'Goals', taxonomy: 'post_tag', link: 'http://blog.test/tag/goals/', count: 1 });
    expect(items[0]).not.toHaveProperty('parent');
  });

  it('refuses bad parameters, unknown ids, a category asked for as a tag, and hidden posts', async () => {
    for (const url of ['/wp-json/wp/v2/categories?per_page=0', '/wp-json/wp/v2/categories?orderby=colour', '/wp-json/wp/v2/categories?hide_empty=maybe', '/wp-json/wp/v2/categories?parent=-1']) {
      const response = await rest(app, 'GET', url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json<Item>().code, url).toBe('rest_invalid_param');
    }
    for (const url of ['/wp-json/wp/v2/categories/999999', `/wp-json/wp/v2/tags/${news.id}`]) {
      expect((await rest(app, 'GET', url)).json()).toEqual({ code: 'rest_term_invalid', message: 'Term does not exist.', data: { status: 404 } });
    }
    const draft = await buildPost(app, { status: 'draft', categories: [news] });
    expect((await rest(app, 'GET', `/wp-json/wp/v2/categories?post=${draft.id}`)).json<Item>().code).toBe('rest_post_invalid_id');
    expect((await rest(app, 'GET', `/wp-json/wp/v2/categories?post=${draft.id}`, { auth: author.auth })).statusCode).toBe(200);
  });

  it('shows the edit context to category managers only', async () => {
    expect((await rest(app, 'GET', '/wp-json/wp/v2/categories?context=edit')).statusCode).toBe(401);
    expect((await rest(app, 'GET', '/wp-json/wp/v2/categories?context=edit', { auth: author.auth })).json<Item>().code).toBe('rest_forbidden_context');
    expect((await rest(app, 'GET', '/wp-json/wp/v2/categories?context=edit', { auth: editor.auth })).statusCode).toBe(200);
  });
});

describe('writing categories and tags', () => {
  it('creates a category with 201, a Location and the edit context; the slug is made from the name', async () => {
    const response = await rest(app, 'POST', '/wp-json/wp/v2/categories', { auth: editor.auth, payload: { name: 'Local Events', description: 'Near you.', parent: news.id } });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json<Item>();
    expect(created).toMatchObject({ name: 'Local Events', slug: 'local-events', parent: news.id, count: 0, link: 'http://blog.test/category/news/local-events/' });
    expect(response.headers.location).toBe(`http://blog.test/wp-json/wp/v2/categories/${String(created.id)}`);
  });

  it('sanitizes a given slug, and refuses one that is taken with duplicate_term_slug', async () => {
    const made = await rest(app, 'POST', '/wp-json/wp/v2/tags', { auth: editor.auth, payload: { name: 'Rain', slug: 'Heavy Rain' } });
    expect(made.json()).toMatchObject({ slug: 'heavy-rain', taxonomy: 'post_tag' });
    const again = await rest(app, 'POST', '/wp-json/wp/v2/tags', { auth: editor.auth, payload: { name: 'Rain again', slug: 'heavy-rain' } });
    expect(again.statusCode).toBe(400);
    expect(again.json<Item>().code).toBe('duplicate_term_slug');
  });

  it('refuses anonymous callers with 401 and authors with 403, creating nothing', async () => {
    const anonymous = await rest(app, 'POST', '/wp-json/wp/v2/categories', { payload: { name: 'Sneaky' } });
    expect(anonymous.json()).toEqual({ code: 'rest_cannot_create', message: 'Sorry, you are not allowed to create terms in this taxonomy.', data: { status: 401 } });
    const byAuthor = await rest(app, 'POST', '/wp-json/wp/v2/categories', { auth: author.auth, payload: { name: 'Sneaky' } });
    expect(byAuthor.statusCode).toBe(403);
    expect((await rest(app, 'PUT', `/wp-json/wp/v2/categories/${news.id}`, { auth: author.auth, payload: { name: 'Hacked' } })).statusCode).toBe(403);
    expect((await rest(app, 'DELETE', `/wp-json/wp/v2/categories/${news.id}?force=true`, { auth: author.auth })).statusCode).toBe(403);
    expect(await app.services.taxonomy.findBySlug('category', 'sneaky')).toBeUndefined();
    expect((await app.services.taxonomy.findById(news.id))?.name).toBe('News');
  });

  it('refuses a missing, empty, oversized or non-string name, and a parent that does not exist', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{}, 400, 'rest_missing_callback_param'],
      [{ name: '   ' }, 400, 'empty_term_name'],
      [{ name: 'x'.repeat(201) }, 400, 'empty_term_name'],
      [{ name: ['array'] }, 400, 'rest_invalid_param'],
      [{ name: 'Orphan', parent: 999999 }, 400, 'rest_term_invalid'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await rest(app, 'POST', '/wp-json/wp/v2/categories', { auth: editor.auth, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json<Item>().code, JSON.stringify(payload)).toBe(code);
    }
    expect(await app.services.taxonomy.findBySlug('category', 'orphan')).toBeUndefined();
  });

  it('keeps markup in names as text: the name is stored as typed and escaped by every page that shows it', async () => {
    const response = await rest(app, 'POST', '/wp-json/wp/v2/tags', { auth: editor.auth, payload: { name: '<script>alert(1)</script>' } });
    expect(response.statusCode).toBe(201);
    const tag = response.json<Item>();
    expect(tag.slug).toBe('script-alert-1-script');
    const page = await app.server.inject({ method: 'GET', url: `/tag/${String(tag.slug)}/` });
    expect(page.body).not.toContain('<script>alert(1)</script>');
  });

  it('updates a category, and refuses making it its own descendant’s child', async () => {
    const updated = await rest(app, 'POST', `/wp-json/wp/v2/categories/${sport.id}`, { auth: editor.auth, payload: { description: 'Games.' } });
    expect(updated.json()).toMatchObject({ id: sport.id, name: 'sport', description: 'Games.' });
    const loop = await rest(app, 'PATCH', `/wp-json/wp/v2/categories/${sport.id}`, { auth: editor.auth, payload: { parent: football.id } });
    expect(loop.statusCode).toBe(400);
    expect(loop.json<Item>().code).toBe('rest_term_invalid');
    expect((await rest(app, 'PUT', '/wp-json/wp/v2/categories/999999', { auth: editor.auth, payload: { name: 'x' } })).statusCode).toBe(404);
  });

  it('deletes only with force=true (501 rest_trash_not_supported otherwise), answering with the previous term', async () => {
    const doomed = await buildCategory(app, { name: 'Doomed' });
    const soft = await rest(app, 'DELETE', `/wp-json/wp/v2/categories/${doomed.id}`, { auth: editor.auth });
    expect(soft.statusCode).toBe(501);
    expect(soft.json()).toEqual({ code: 'rest_trash_not_supported', message: "Terms do not support trashing. Set 'force=true' to delete.", data: { status: 501 } });
    const hard = await rest(app, 'DELETE', `/wp-json/wp/v2/categories/${doomed.id}?force=true`, { auth: editor.auth });
    expect(hard.statusCode).toBe(200);
    expect(hard.json()).toMatchObject({ deleted: true, previous: { id: doomed.id, name: 'Doomed' } });
    expect(await app.services.taxonomy.findById(doomed.id)).toBeUndefined();
    expect((await rest(app, 'DELETE', `/wp-json/wp/v2/categories/${doomed.id}?force=true`, { auth: editor.auth })).statusCode).toBe(404);
  });
});
