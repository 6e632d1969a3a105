// The /wp-json plumbing every resource shares: WordPress's error shape for every refusal (ours, the router's,
// Fastify's), argument checking in WordPress's words, pagination headers, _fields, ?rest_route= and the index.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildAuthor, buildPost } from '../support/factories.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/wp-json');
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8')) as Record<string, unknown>;

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  const author = await buildAuthor(app);
  for (let n = 1; n <= 5; n += 1) {
    await buildPost(app, { author, title: `Paged post ${n}`, publishedAt: `2026-01-0${n}T10:00:00Z` });
  }
});
afterAll(() => app.close());

const get = (url: string) => app.server.inject({ method: 'GET', url });

describe('WordPress error bodies', () => {
  it('answers an unknown /wp-json path with rest_no_route, exactly as WordPress', async () => {
    const response = await get('/wp-json/wp/v2/nope');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual(fixture('errors/no_route_404.json'));
  });

  it('answers a method a route does not have with rest_no_route', async () => {
    const response = await app.server.inject({ method: 'PUT', url: '/wp-json/wp/v2/posts' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('rest_no_route');
  });

  it('treats a non-numeric id as no route, as WordPress\'s (?P<id>[\\d]+) does', async () => {
    const response = await get('/wp-json/wp/v2/posts/abc');
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('rest_no_route');
  });

  it('answers a missing post with rest_post_invalid_id, exactly as WordPress', async () => {
    const response = await get('/wp-json/wp/v2/posts/999999');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual(fixture('errors/get_post_not_found_404.json'));
  });

  it('refuses a truncated JSON body with rest_invalid_json, exactly as WordPress', async () => {
    const response = await app.server.inject({
      method: 'POST', url: '/wp-json/wp/v2/posts', headers: { 'content-type': 'application/json' }, payload: '{"title": "Half',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(fixture('errors/create_comment_admin_bad_json_400.json'));
  });

  it('reads an empty JSON body as no body (WordPress clients send DELETE so), not as bad JSON', async () => {
    const [post] = (await get('/wp-json/wp/v2/posts?per_page=1')).json() as { id: number }[];
    const response = await app.server.inject({ method: 'DELETE', url: `/wp-json/wp/v2/posts/${post?.id}`, headers: { 'content-type': 'application/json' }, payload: '' });
    expect(response.json()).toMatchObject({ code: 'rest_cannot_delete', data: { status: 401 } });
  });

  it('refuses a body over 1 MB with 413 in WordPress\'s shape', async () => {
    const response = await app.server.inject({
      method: 'POST', url: '/wp-json/wp/v2/posts', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'Big', content: 'x'.repeat(1_100_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ code: 'rest_request_too_large', message: expect.any(String), data: { status: 413 } });
  });

  it('refuses a content type it cannot read with 415 in WordPress\'s shape', async () => {
    const response = await app.server.inject({
      method: 'POST', url: '/wp-json/wp/v2/posts', headers: { 'content-type': 'application/x-made-up' }, payload: 'title=Hi',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'rest_unsupported_media_type', data: { status: 415 } });
  });

  it('never answers /wp-json with an HTML page, even for a broken %-escape', async () => {
    const response = await get('/wp-json/wp/v2/posts/%E0%A4%A');
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json().data.status).toBe(response.statusCode);
  });
});

describe('argument checking', () => {
  it('refuses per_page=1000 with rest_invalid_param, params and details, exactly as WordPress', async () => {
    const response = await get('/wp-json/wp/v2/posts?per_page=1000');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(fixture('errors/get_posts_per_page_1000_400.json'));
  });

  it.each([
    ['per_page=0', 'per_page', 'rest_out_of_bounds', 'per_page must be between 1 (inclusive) and 100 (inclusive)'],
    ['per_page=abc', 'per_page', 'rest_invalid_type', 'per_page is not of type integer.'],
    ['page=0', 'page', 'rest_out_of_bounds', 'page must be greater than or equal to 1'],
    ['order=sideways', 'order', 'rest_not_in_enum', 'order is not one of asc and desc.'],
    ['after=yesterday', 'after', 'rest_invalid_date', 'Invalid date.'],
    ['include=1,two', 'include', 'rest_invalid_type', 'include[1] is not of type integer.'],
    ['orderby=price', 'orderby', 'rest_not_in_enum', 'orderby is not one of author, date, id, include, modified, parent, relevance, slug, include_slugs, and title.'],
  ])('refuses %s with %s %s', async (query, name, code, message) => {
    const response = await get(`/wp-json/wp/v2/posts?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 'rest_invalid_param', message: `Invalid parameter(s): ${name}`,
      data: { status: 400, params: { [name]: message }, details: { [name]: { code, message, data: null } } },
    });
  });

  it('reports every refused argument at once', async () => {
    const body = (await get('/wp-json/wp/v2/posts?per_page=0&order=up&page=x')).json();
    expect(body.message).toBe('Invalid parameter(s): page, per_page, order');
    expect(Object.keys(body.data.params)).toEqual(['page', 'per_page', 'order']);
  });

  it('reads include as CSV and as include[] alike', async () => {
    const all = (await get('/wp-json/wp/v2/posts')).json() as { id: number }[];
    const [first, second] = all.map((p) => p.id);
    const csv = (await get(`/wp-json/wp/v2/posts?include=${first},${second}`)).json() as { id: number }[];
    const brackets = (await get(`/wp-json/wp/v2/posts?include[]=${first}&include[]=${second}`)).json() as { id: number }[];
    expect(csv.map((p) => p.id).sort()).toEqual([first, second].sort());
    expect(brackets.map((p) => p.id).sort()).toEqual([first, second].sort());
  });
});

describe('collections', () => {
  it('sends X-WP-Total, X-WP-TotalPages and a Link to the next page repeating the query', async () => {
    const response = await get('/wp-json/wp/v2/posts?per_page=2');
    expect(response.headers['x-wp-total']).toBe('5');
    expect(response.headers['x-wp-totalpages']).toBe('3');
    expect(response.headers.link).toBe('<http://blog.test/wp-json/wp/v2/posts?per_page=2&page=2>; rel="next"');
    expect(response.headers['access-control-expose-headers']).toBe('X-WP-Total, X-WP-TotalPages, Link');
  });

  it('links a middle page to both neighbours and the last page only back', async () => {
    const middle = await get('/wp-json/wp/v2/posts?per_page=2&page=2');
    expect(middle.headers.link).toBe(
      '<http://blog.test/wp-json/wp/v2/posts?per_page=2&page=1>; rel="prev", <http://blog.test/wp-json/wp/v2/posts?per_page=2&page=3>; rel="next"',
    );
    const last = await get('/wp-json/wp/v2/posts?per_page=2&page=3');
    expect(last.json()).toHaveLength(1);
    expect(last.headers.link).toBe('<http://blog.test/wp-json/wp/v2/posts?per_page=2&page=2>; rel="prev"');
  });

  it('refuses a page past the last with rest_post_invalid_page_number', async () => {
    const response = await get('/wp-json/wp/v2/posts?per_page=2&page=4');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 'rest_post_invalid_page_number', message: 'The page number requested is larger than the number of pages available.', data: { status: 400 },
    });
  });

  it('answers an empty page 1 of nothing with [] and zero totals', async () => {
    const response = await get('/wp-json/wp/v2/posts?search=nothing-matches-this');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([]);
    expect(response.headers['x-wp-total']).toBe('0');
    expect(response.headers['x-wp-totalpages']).toBe('0');
  });
});

describe('cross-origin reads', () => {
  it('sends WordPress\'s API headers, and echoes an Origin without ever allowing credentials', async () => {
    const response = await app.server.inject({ method: 'GET', url: '/wp-json/wp/v2/posts', headers: { origin: 'https://app.example' } });
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': 'https://app.example',
      'access-control-allow-headers': 'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type',
      'x-robots-tag': 'noindex',
    });
    expect(response.headers.vary).toContain('Origin');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    const refused = await app.server.inject({ method: 'GET', url: '/wp-json/wp/v2/posts/999999', headers: { origin: 'https://app.example' } });
    expect(refused.headers['access-control-allow-origin']).toBe('https://app.example');
  });

  it('answers a preflight for any API path, and no Origin gets no Allow-Origin', async () => {
    const preflight = await app.server.inject({ method: 'OPTIONS', url: '/wp-json/wp/v2/posts/1', headers: { origin: 'https://app.example', 'access-control-request-method': 'PUT' } });
    expect(preflight.statusCode).toBe(200);
    expect(preflight.headers['access-control-allow-methods']).toBe('OPTIONS, GET, POST, PUT, PATCH, DELETE');
    expect((await get('/wp-json/wp/v2/posts')).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('_fields', () => {
  it('keeps only the fields asked for, nested ones too', async () => {
    const body = (await get('/wp-json/wp/v2/posts?per_page=1&_fields=id,title.rendered,_links.self')).json() as Record<string, unknown>[];
    expect(Object.keys(body[0] ?? {})).toEqual(['id', 'title', '_links']);
    expect(body[0]?.title).toEqual({ rendered: 'Paged post 5' });
    expect(Object.keys(body[0]?._links as object)).toEqual(['self']);
  });

  it('takes _fields[] as well as CSV', async () => {
    const body = (await get('/wp-json/wp/v2/posts?per_page=1&_fields[]=id&_fields[]=slug')).json() as Record<string, unknown>[];
    expect(Object.keys(body[0] ?? {})).toEqual(['id', 'slug']);
  });
});

describe('?rest_route= (WordPress without pretty permalinks)', () => {
  it('answers /?rest_route=/wp/v2/posts as /wp-json/wp/v2/posts', async () => {
    const plain = await get('/?rest_route=/wp/v2/posts&per_page=2');
    const pretty = await get('/wp-json/wp/v2/posts?per_page=2');
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).toEqual(pretty.json());
    expect(plain.headers['x-wp-total']).toBe('5');
  });

  it('answers an unknown rest_route with rest_no_route, and leaves / alone without one', async () => {
    expect((await get('/?rest_route=/wp/v2/nope')).json().code).toBe('rest_no_route');
    const home = await get('/');
    expect(home.headers['content-type']).toMatch(/^text\/html/);
  });
});

describe('the index', () => {
  it('describes the site and lists the routes with their methods and args, as WordPress', async () => {
    const response = await get('/wp-json/');
    expect(response.statusCode).toBe(200);
    const index = response.json();
    expect(index).toMatchObject({ url: 'http://blog.test', home: 'http://blog.test', gmt_offset: expect.any(String), timezone_string: expect.any(String) });
    expect(index.namespaces).toContain('wp/v2');
    // WordPress 6.1's index keys, in order (the full 163 KB index is not copied; index_wp_v2_routes.json keeps the site fields).
    expect(Object.keys(index)).toEqual(['name', 'description', 'url', 'home', 'gmt_offset', 'timezone_string', 'namespaces', 'authentication', 'routes', 'site_logo', 'site_icon', 'site_icon_url', '_links']);
    const { routes: _ours, ...siteFields } = index;
    const { routes: _theirs, ...theirSiteFields } = fixture('index_wp_v2_routes.json');
    expect(Object.fromEntries(Object.entries(siteFields).map(([k, v]) => [k, Array.isArray(v) ? 'array' : typeof v])))
      .toMatchObject(Object.fromEntries(Object.entries(theirSiteFields).map(([k, v]) => [k, Array.isArray(v) ? 'array' : typeof v])));
    const reference = fixture('index_wp_v2_routes.json').routes as Record<string, { methods: string[]; endpoints: { methods: string[]; args: string[] }[] }>;
    for (const pattern of ['/wp/v2/posts', '/wp/v2/posts/(?P<id>[\\d]+)', '/wp/v2/pages', '/wp/v2/pages/(?P<id>[\\d]+)', '/wp/v2/types', '/wp/v2/taxonomies', '/wp/v2/search']) {
      const ours = index.routes[pattern];
      const theirs = reference[pattern];
      expect(ours, pattern).toBeDefined();
      expect(ours.methods, pattern).toEqual(theirs?.methods);
      expect(ours.endpoints.map((e: { methods: string[] }) => e.methods), pattern).toEqual(theirs?.endpoints.map((e) => e.methods));
    }
    expect(index.routes['/wp/v2/posts'].endpoints[0].args.per_page).toEqual({
      type: 'integer', default: 10, minimum: 1, maximum: 100, description: 'Maximum number of items to be returned in result set.', required: false,
    });
    expect(index.routes['/wp/v2/posts']._links.self[0].href).toBe('http://blog.test/wp-json/wp/v2/posts');
    expect(index.routes['/wp/v2/posts'].endpoints[1].args.title).toEqual({ type: 'object', description: 'The title for the post.', required: false });
  });

  it('answers /wp-json without its slash and the namespace index /wp-json/wp/v2', async () => {
    expect((await get('/wp-json')).json().routes).toBeDefined();
    const namespace = (await get('/wp-json/wp/v2')).json();
    expect(namespace.namespace).toBe('wp/v2');
    expect(Object.keys(namespace.routes).every((route) => route.startsWith('/wp/v2'))).toBe(true);
  });
});
