// /wp/v2/types, /wp/v2/taxonomies and /wp/v2/search in WordPress's shapes, and `_embed` through them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildPage, buildPost } from '../support/factories.js';
import { apiUser, rest } from './rest-client.js';

type Json = Record<string, unknown>;

let app: TestApp;
let post: Post;
let page: Post;

beforeAll(async () => {
  app = await createTestApp();
  const author = await buildAuthor(app);
  post = await buildPost(app, { author, title: 'Aqueducts of Rome', publishedAt: '2026-03-01T10:00:00Z' });
  page = await buildPage(app, { author, title: 'Rome, a guide', publishedAt: '2026-02-01T10:00:00Z' });
  await buildPost(app, { author, title: 'Unrelated', publishedAt: '2026-01-01T10:00:00Z' });
  await buildPost(app, { author, title: 'Rome in draft', status: 'draft' });
});
afterAll(() => app.close());

const get = async (url: string) => rest(app, 'GET', url);

describe('/wp/v2/types', () => {
  it('lists post, page and attachment in WordPress\'s shape', async () => {
    const types = (await get('/wp-json/wp/v2/types')).json<Record<string, Json>>();
    expect(Object.keys(types)).toEqual(['post', 'page', 'attachment']);
    expect(types.post).toEqual({
      description: '', hierarchical: false, has_archive: false, name: 'Posts', slug: 'post', icon: 'dashicons-admin-post',
      taxonomies: ['category', 'post_tag'], rest_base: 'posts', rest_namespace: 'wp/v2',
      _links: {
        collection: [{ href: 'http://blog.test/wp-json/wp/v2/types' }], 'wp:items': [{ href: 'http://blog.test/wp-json/wp/v2/posts' }],
        curies: [{ name: 'wp', href: 'https://api.w.org/{rel}', templated: true }],
      },
    });
  });

  it('gives one type, and rest_type_invalid for a type Quire does not have', async () => {
    expect((await get('/wp-json/wp/v2/types/page')).json<Json>()).toMatchObject({ slug: 'page', hierarchical: true, rest_base: 'pages' });
    const unknown = await get('/wp-json/wp/v2/types/product');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ code: 'rest_type_invalid', message: 'Invalid post type.', data: { status: 404 } });
  });
});

describe('/wp/v2/taxonomies', () => {
  it('lists categories and tags, filtered by type', async () => {
    const all = (await get('/wp-json/wp/v2/taxonomies')).json<Record<string, Json>>();
    expect(Object.keys(all)).toEqual(['category', 'post_tag']);
    expect(all.category).toMatchObject({ name: 'Categories', slug: 'category', types: ['post'], hierarchical: true, rest_base: 'categories' });
    expect(Object.keys((await get('/wp-json/wp/v2/taxonomies?type=page')).json<Json>())).toEqual([]);
    expect(Object.keys((await get('/wp-json/wp/v2/taxonomies?type=post')).json<Json>())).toEqual(['category', 'post_tag']);
  });

  it('gives one taxonomy, and rest_taxonomy_invalid for another', async () => {
    expect((await get('/wp-json/wp/v2/taxonomies/post_tag')).json<Json>()).toMatchObject({ name: 'Tags', hierarchical: false, rest_base: 'tags' });
    expect((await get('/wp-json/wp/v2/taxonomies/genre')).json<Json>()).toEqual({ code: 'rest_taxonomy_invalid', message: 'Invalid taxonomy.', data: { status: 404 } });
  });
});

describe('/wp/v2/statuses', () => {
  it('shows anonymous callers only "publish", and writers every status', async () => {
    const anonymous = (await get('/wp-json/wp/v2/statuses')).json<Record<string, Json>>();
    expect(Object.keys(anonymous)).toEqual(['publish']);
    expect(anonymous.publish).toMatchObject({ name: 'Published', public: true, queryable: true, slug: 'publish', date_floating: false });
    const { auth } = await apiUser(app, 'contributor');
    const writer = (await rest(app, 'GET', '/wp-json/wp/v2/statuses', { auth })).json<Json>();
    expect(Object.keys(writer)).toEqual(['publish', 'future', 'draft', 'pending', 'private', 'trash']);
  });

  it('refuses a hidden status to anonymous callers (401) and an unknown one (404)', async () => {
    expect((await get('/wp-json/wp/v2/statuses/draft')).json()).toEqual({ code: 'rest_cannot_read_status', message: 'Cannot view status.', data: { status: 401 } });
    expect((await get('/wp-json/wp/v2/statuses/limbo')).json()).toEqual({ code: 'rest_status_invalid', message: 'Invalid status.', data: { status: 404 } });
  });
});

describe('/wp/v2/search', () => {
  it('finds published posts and pages, never drafts, in WordPress\'s shape', async () => {
    const response = await get('/wp-json/wp/v2/search?search=rome');
    expect(response.headers['x-wp-total']).toBe('2');
    const results = response.json<Json[]>();
    expect(results.map((r) => r.id).sort()).toEqual([post.id, page.id].sort());
    const found = results.find((r) => r.id === post.id);
    expect(found).toEqual({
      id: post.id, title: 'Aqueducts of Rome', url: expect.stringMatching(/^http:\/\/blog\.test\/2026\/03\/01\/aqueducts-of-rome\/$/), type: 'post', subtype: 'post',
      _links: {
        self: [{ embeddable: true, href: `http://blog.test/wp-json/wp/v2/posts/${post.id}` }],
        about: [{ href: 'http://blog.test/wp-json/wp/v2/search-handler/post' }],
        collection: [{ href: 'http://blog.test/wp-json/wp/v2/search' }],
        curies: [{ name: 'wp', href: 'https://api.w.org/{rel}', templated: true }],
      },
    });
  });

  it('limits to one subtype, and lists everything newest first without words', async () => {
    expect((await get('/wp-json/wp/v2/search?search=rome&subtype=page')).json<Json[]>().map((r) => r.id)).toEqual([page.id]);
    const all = (await get('/wp-json/wp/v2/search?per_page=2&page=2')).json<Json[]>();
    expect(all.map((r) => r.title)).toEqual(['Unrelated']);
  });

  it('limits to the ids included, and leaves out the ids excluded', async () => {
    expect((await get(`/wp-json/wp/v2/search?search=rome&include=${page.id}`)).json<Json[]>().map((r) => r.id)).toEqual([page.id]);
    expect((await get(`/wp-json/wp/v2/search?search=rome&exclude=${page.id}`)).json<Json[]>().map((r) => r.id)).toEqual([post.id]);
  });

  it('takes SQL wildcards, quotes and a very long search literally, and finds nothing', async () => {
    for (const subtype of ['any', 'post']) {
      for (const words of ['%', '_', "' OR 1=1 --", 'x'.repeat(5000)]) {
        const response = await get(`/wp-json/wp/v2/search?subtype=${subtype}&search=${encodeURIComponent(words)}`);
        expect(response.statusCode, `${subtype} ${words.slice(0, 20)}`).toBe(200);
        expect(response.json(), `${subtype} ${words.slice(0, 20)}`).toEqual([]);
      }
    }
    // One subtype is searched word by word with LIKE: a % in the words is a character, not a wildcard.
    expect((await get('/wp-json/wp/v2/search?subtype=post&search=rom%25')).json()).toEqual([]);
  });

  it('refuses unknown types and subtypes, and a page past the last', async () => {
    expect((await get('/wp-json/wp/v2/search?type=user')).json<Json>()).toMatchObject({ code: 'rest_invalid_param', data: { params: { type: 'type is not one of post.' } } });
    expect((await get('/wp-json/wp/v2/search?subtype=product')).json<Json>().code).toBe('rest_invalid_param');
    expect((await get('/wp-json/wp/v2/search?search=rome&page=3')).json<Json>().code).toBe('rest_search_invalid_page_number');
  });
});

describe('_embed', () => {
  it('embeds the linked resources that declare a GET route, and only the relations asked for', async () => {
    const all = (await get(`/wp-json/wp/v2/posts/${post.id}?_embed`)).json<Json>();
    const embedded = all._embedded as Record<string, unknown[]>;
    expect(embedded.author?.[0]).toMatchObject({ id: post.authorId });
    expect(embedded['wp:term']).toEqual([[], []]);
    const onlyAuthor = (await get(`/wp-json/wp/v2/posts/${post.id}?_embed=author`)).json<Json>();
    expect(Object.keys(onlyAuthor._embedded as Json)).toEqual(['author']);
  });

  it('embeds a search result\'s post in the embed context', async () => {
    const [result] = (await get('/wp-json/wp/v2/search?search=aqueducts&_embed')).json<Json[]>();
    const [self] = (result?._embedded as { self: Json[] }).self;
    expect(Object.keys(self ?? {})).toEqual(['id', 'date', 'slug', 'type', 'link', 'title', 'excerpt', 'author', 'featured_media', '_links']);
  });

  it('embeds nothing without _embed, and keeps _embedded only when _fields names it', async () => {
    expect((await get(`/wp-json/wp/v2/posts/${post.id}`)).json<Json>()._embedded).toBeUndefined();
    const sparse = (await get(`/wp-json/wp/v2/posts/${post.id}?_embed=author&_fields=id,_embedded.author`)).json<Json>();
    expect(Object.keys(sparse)).toEqual(['id', '_embedded']);
  });
});
