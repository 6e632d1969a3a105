// /wp/v2/posts and /wp/v2/pages against WordPress 6.1's recorded answers: field by field, every filter, and every
// write with each role's outcome (application passwords over HTTP Basic, as WordPress clients authenticate).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import type { Term } from '../../src/features/taxonomy/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildCategory, buildPage, buildPost, permalinkOf } from '../support/factories.js';
import { type ApiUser, apiUser, rest } from './rest-client.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/wp-json');
const fixture = <T = Record<string, unknown>>(name: string) => JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8')) as T;

type Json = Record<string, unknown>;

/** The JSON type of each value, recursively for objects (arrays: the type of their first item). */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  return value === null ? 'null' : typeof value;
}

let app: TestApp;
let users: Record<'contributor' | 'author' | 'otherAuthor' | 'editor' | 'subscriber', ApiUser>;
let history: Term;
let published: Post;
let draft: Post;

beforeAll(async () => {
  app = await createTestApp();
  users = {
    subscriber: await apiUser(app, 'subscriber'),
    contributor: await apiUser(app, 'contributor'),
    author: await apiUser(app, 'author'),
    otherAuthor: await apiUser(app, 'author'),
    editor: await apiUser(app, 'editor'),
  };
  history = await buildCategory(app, { name: 'History' });
  const foreign = await buildCategory(app, { name: 'Foreign Affairs' });
  published = await buildPost(app, {
    author: users.author.user, title: 'Lorem Ipsum: A Long Read', publishedAt: '2024-08-01T10:00:00Z', categories: [foreign, history], tags: ['rome'],
  });
  await buildPost(app, { author: users.otherAuthor.user, title: 'Another voice', publishedAt: '2024-07-01T10:00:00Z', categories: [foreign] });
  draft = await buildPost(app, { author: users.author.user, title: 'Unfinished thoughts', status: 'draft' });
});
afterAll(() => app.close());

describe('reading a post', () => {
  it('has WordPress 6.1\'s fields, in its order, with its types', async () => {
    const response = await rest(app, 'GET', `/wp-json/wp/v2/posts/${published.id}`);
    expect(response.statusCode).toBe(200);
    const ours = response.json<Json>();
    const theirs = fixture('post_main.json');
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    const { _links: ourLinks, ...ourFields } = ours;
    const { _links: theirLinks, ...theirFields } = theirs;
    expect(shapeOf(ourFields)).toEqual({ ...(shapeOf(theirFields) as Json), tags: ['number'] });
    // version-history is shown to those who may edit the post (only they may read its revisions).
    expect(Object.keys(ourLinks as Json)).toEqual(Object.keys(theirLinks as Json).filter((rel) => rel !== 'version-history'));
  });

  it('gives the values WordPress gives, in WordPress\'s formats', async () => {
    const response = await rest(app, 'GET', `/wp-json/wp/v2/posts/${published.id}`);
    expect(response.headers.link).toBe(`<http://blog.test${permalinkOf(published)}>; rel="alternate"; type=text/html`);
    const post = response.json<Json>();
    expect(post).toMatchObject({
      id: published.id, date: '2024-08-01T10:00:00', date_gmt: '2024-08-01T10:00:00', slug: 'lorem-ipsum-a-long-read', status: 'publish',
      type: 'post', link: `http://blog.test${permalinkOf(published)}`, guid: { rendered: `http://blog.test/?p=${published.id}` },
      title: { rendered: 'Lorem Ipsum: A Long Read' }, author: users.author.user.id, featured_media: 0, comment_status: 'open',
      sticky: false, template: '', format: 'standard', meta: [], content: { protected: false }, excerpt: { protected: false },
    });
    expect((post.content as Json).rendered).toContain('<p>The body of factory post');
    expect((post.categories as number[]).sort()).toContain(history.id);
    expect(post.tags).toHaveLength(1);
    const links = post._links as Record<string, Json[]>;
    expect(links.author).toEqual([{ embeddable: true, href: `http://blog.test/wp-json/wp/v2/users/${users.author.user.id}` }]);
    expect(links.replies).toEqual([{ embeddable: true, href: `http://blog.test/wp-json/wp/v2/comments?post=${published.id}` }]);
    expect(links['wp:term']?.map((l) => l.taxonomy)).toEqual(['category', 'post_tag']);
    expect(links.curies).toEqual([{ name: 'wp', href: 'https://api.w.org/{rel}', templated: true }]);
  });

  it('refuses a draft to anonymous callers (401) and other readers (403), and shows it to its author', async () => {
    const url = `/wp-json/wp/v2/posts/${draft.id}`;
    const anonymous = await rest(app, 'GET', url);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.', data: { status: 401 } });
    expect((await rest(app, 'GET', url, { auth: users.subscriber.auth })).statusCode).toBe(403);
    const own = await rest(app, 'GET', `${url}?context=edit`, { auth: users.author.auth });
    expect(own.statusCode).toBe(200);
    expect(own.json<Json>()).toMatchObject({ status: 'draft', title: { raw: 'Unfinished thoughts' }, content: { block_version: 0 }, link: `http://blog.test/?p=${draft.id}` });
  });

  it('refuses the edit context to those who may not edit the post (or any post, for lists)', async () => {
    const response = await rest(app, 'GET', `/wp-json/wp/v2/posts/${published.id}?context=edit`, { auth: users.otherAuthor.auth });
    expect(response.statusCode).toBe(403);
    expect(response.json<Json>().code).toBe('rest_forbidden_context');
    const list = await rest(app, 'GET', '/wp-json/wp/v2/posts?context=edit');
    expect(list.json()).toEqual({ code: 'rest_forbidden_context', message: 'Sorry, you are not allowed to edit posts in this post type.', data: { status: 401 } });
    expect((await rest(app, 'GET', '/wp-json/wp/v2/posts?context=edit', { auth: users.subscriber.auth })).statusCode).toBe(403);
  });

  it('does not give a page as a post', async () => {
    const page = await buildPage(app, { title: 'About' });
    expect((await rest(app, 'GET', `/wp-json/wp/v2/posts/${page.id}`)).json<Json>().code).toBe('rest_post_invalid_id');
    expect((await rest(app, 'GET', `/wp-json/wp/v2/pages/${page.id}`)).json<Json>()).toMatchObject({ id: page.id, type: 'page', parent: 0, menu_order: 0 });
  });
});

describe('listing posts', () => {
  const ids = async (query: string, auth?: string) => (await rest(app, 'GET', `/wp-json/wp/v2/posts?${query}`, { auth })).json<Json[]>().map((p) => p.id);

  it('lists published posts only, newest first', async () => {
    const list = await ids('');
    expect(list).toContain(published.id);
    expect(list).not.toContain(draft.id);
    expect(list.indexOf(published.id)).toBeLessThan(list.length - 1);
  });

  it('filters by category, category exclusion, tag, author, slug, search and dates', async () => {
    expect(await ids(`categories=${history.id}`)).toEqual([published.id]);
    expect(await ids(`categories_exclude=${history.id}`)).not.toContain(published.id);
    const [tag] = (await rest(app, 'GET', `/wp-json/wp/v2/posts/${published.id}`)).json<{ tags: number[] }>().tags;
    expect(await ids(`tags=${tag}`)).toEqual([published.id]);
    expect(await ids(`tags_exclude=${tag}`)).not.toContain(published.id);
    expect(await ids(`author=${users.otherAuthor.user.id}`)).not.toContain(published.id);
    expect(await ids('slug=lorem-ipsum-a-long-read')).toEqual([published.id]);
    expect(await ids('search=lorem')).toEqual([published.id]);
    expect(await ids('after=2024-07-15T00:00:00&before=2024-08-02T00:00:00')).toEqual([published.id]);
    expect(await ids(`exclude=${published.id}`)).not.toContain(published.id);
  });

  it('finds no sticky posts (Quire has none) and answers HEAD like GET', async () => {
    expect((await rest(app, 'GET', '/wp-json/wp/v2/posts?sticky=true')).json()).toEqual([]);
    const head = await app.server.inject({ method: 'HEAD', url: '/wp-json/wp/v2/posts' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['x-wp-total']).toBe((await rest(app, 'GET', '/wp-json/wp/v2/posts')).headers['x-wp-total']);
  });

  it('orders by the include list when asked, and refuses relevance without a search', async () => {
    const [newer, older] = await ids('per_page=2');
    expect(await ids(`include=${String(older)},${String(newer)}&orderby=include&order=asc`)).toEqual([older, newer]);
    expect(await ids(`include=${String(older)},${String(newer)}&orderby=include&order=desc`)).toEqual([older, newer]);
    expect(await ids(`include=${String(older)},${String(newer)}&orderby=include&order=asc&per_page=1&page=2`)).toEqual([newer]);
    expect((await rest(app, 'GET', '/wp-json/wp/v2/posts?orderby=relevance')).json<Json>().code).toBe('rest_no_search_term_defined');
  });

  it('orders by title ascending when asked', async () => {
    const titles = (await rest(app, 'GET', '/wp-json/wp/v2/posts?orderby=title&order=asc')).json<{ title: { rendered: string } }[]>().map((p) => p.title.rendered);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
  });

  it('refuses other statuses to anonymous callers as WordPress does (400 wrapping rest_forbidden_status 401)', async () => {
    const response = await rest(app, 'GET', '/wp-json/wp/v2/posts?status=draft');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 'rest_invalid_param', message: 'Invalid parameter(s): status',
      data: { status: 400, params: { status: 'Status is forbidden.' }, details: { status: { code: 'rest_forbidden_status', message: 'Status is forbidden.', data: { status: 401 } } } },
    });
    expect((await rest(app, 'GET', '/wp-json/wp/v2/posts?status=draft', { auth: users.subscriber.auth })).json<Json>().data).toMatchObject({
      details: { status: { data: { status: 403 } } },
    });
  });

  it('lists an author\'s own drafts but not another author\'s', async () => {
    expect(await ids('status=draft', users.author.auth)).toEqual([draft.id]);
    expect(await ids('status=draft', users.otherAuthor.auth)).toEqual([]);
    expect(await ids('status=draft', users.editor.auth)).toEqual([draft.id]);
  });
});

describe('writing posts', () => {
  const create = (auth: string | undefined, payload: Json) => rest(app, 'POST', '/wp-json/wp/v2/posts', { auth, payload });

  it('refuses anonymous callers exactly as WordPress', async () => {
    const response = await create(undefined, { title: 'Hello' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual(fixture('errors/create_post_unauthenticated_401.json'));
  });

  it('refuses subscribers (403) and contributors who publish (rest_cannot_publish)', async () => {
    expect((await create(users.subscriber.auth, { title: 'Hello' })).statusCode).toBe(403);
    const response = await create(users.contributor.auth, { title: 'Hello', status: 'publish' });
    expect(response.statusCode).toBe(403);
    expect(response.json<Json>().code).toBe('rest_cannot_publish');
  });

  it('creates a contributor\'s draft (201, Location, edit context) as HTML', async () => {
    const response = await create(users.contributor.auth, { title: 'My draft', content: '<p>Some <em>HTML</em></p><script>alert(1)</script>' });
    expect(response.statusCode).toBe(201);
    const post = response.json<Json>();
    expect(response.headers.location).toBe(`http://blog.test/wp-json/wp/v2/posts/${post.id}`);
    expect(post).toMatchObject({ status: 'draft', title: { raw: 'My draft', rendered: 'My draft' }, author: users.contributor.user.id });
    expect((post.content as Json).raw).toBe('<p>Some <em>HTML</em></p><script>alert(1)</script>');
    expect((post.content as Json).rendered).toContain('<em>HTML</em>');
    expect((post.content as Json).rendered).not.toContain('<script');
  });

  it('publishes an author\'s post with its categories, and schedules one dated in the future', async () => {
    const now = await create(users.author.auth, { title: 'Out now', content: 'Text', status: 'publish', categories: [history.id] });
    expect(now.json<Json>()).toMatchObject({ status: 'publish', categories: [history.id] });
    const later = await create(users.author.auth, { title: 'Later', content: 'Text', status: 'publish', date_gmt: '2099-01-01T09:00:00' });
    expect(later.json<Json>()).toMatchObject({ status: 'future', date_gmt: '2099-01-01T09:00:00' });
  });

  it('refuses unknown category ids, bad statuses, an empty title and unsupported fields, and stores nothing', async () => {
    const before = (await rest(app, 'GET', '/wp-json/wp/v2/posts?status=draft', { auth: users.editor.auth })).headers['x-wp-total'];
    const unknown = await create(users.author.auth, { title: 'X', categories: [999999] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Json>()).toMatchObject({ code: 'rest_invalid_param', data: { params: { categories: 'Invalid term ID: 999999.' } } });
    expect((await create(users.author.auth, { title: 'X', status: 'sideways' })).json<Json>().code).toBe('rest_invalid_param');
    expect((await create(users.author.auth, { title: '' })).json<Json>()).toMatchObject({ code: 'rest_invalid_param', data: { params: { title: expect.any(String) } } });
    expect((await create(users.author.auth, { title: 'X', password: 'secret' })).json<Json>()).toMatchObject({ data: { params: { password: expect.any(String) } } });
    expect((await create(users.author.auth, { title: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await create(users.author.auth, { title: 'X', slug: 'Not A Slug!' })).statusCode).toBe(400);
    expect((await create(users.author.auth, { title: 'X', author: users.editor.user.id })).json<Json>().code).toBe('rest_cannot_edit_others');
    expect((await rest(app, 'GET', '/wp-json/wp/v2/posts?status=draft', { auth: users.editor.auth })).headers['x-wp-total']).toBe(before);
  });

  it('escapes a hostile title in title.rendered', async () => {
    const post = (await create(users.author.auth, { title: '<img src=x onerror=alert(1)>' })).json<Json>();
    expect(post.title).toEqual({ raw: '<img src=x onerror=alert(1)>', rendered: '&lt;img src=x onerror=alert(1)&gt;' });
  });

  it('updates with POST, PUT and PATCH, only the fields sent; refuses another author\'s post', async () => {
    const created = (await create(users.author.auth, { title: 'First', content: '<p>Body</p>', categories: [history.id] })).json<{ id: number }>();
    const url = `/wp-json/wp/v2/posts/${created.id}`;
    expect((await rest(app, 'PUT', url, { auth: users.author.auth, payload: { title: 'Second' } })).json<Json>()).toMatchObject({ title: { raw: 'Second' }, content: { raw: '<p>Body</p>' }, categories: [history.id] });
    expect((await rest(app, 'PATCH', url, { auth: users.author.auth, payload: { excerpt: 'Short' } })).json<Json>()).toMatchObject({ title: { raw: 'Second' }, excerpt: { raw: 'Short' } });
    expect((await rest(app, 'POST', url, { auth: users.author.auth, payload: { status: 'publish' } })).json<Json>()).toMatchObject({ status: 'publish' });
    const other = await rest(app, 'POST', url, { auth: users.otherAuthor.auth, payload: { title: 'Hijacked' } });
    expect(other.statusCode).toBe(403);
    expect(other.json<Json>().code).toBe('rest_cannot_edit');
    expect((await rest(app, 'POST', url, { payload: { title: 'Anonymous' } })).statusCode).toBe(401);
    expect((await rest(app, 'POST', url, { auth: users.editor.auth, payload: { title: 'Edited by the editor' } })).statusCode).toBe(200);
  });

  it('lets a contributor submit for review, and refuses them their post once an editor has published it', async () => {
    const submitted = await create(users.contributor.auth, { title: 'For review', status: 'pending' });
    expect(submitted.json<Json>()).toMatchObject({ status: 'pending' });
    const url = `/wp-json/wp/v2/posts/${String(submitted.json<Json>().id)}`;
    expect((await rest(app, 'POST', url, { auth: users.editor.auth, payload: { status: 'publish' } })).json<Json>()).toMatchObject({ status: 'publish' });
    const late = await rest(app, 'POST', url, { auth: users.contributor.auth, payload: { title: 'Changed after publication' } });
    expect(late.statusCode).toBe(403);
    expect(late.json<Json>().code).toBe('rest_cannot_edit');
  });

  it('trashes, refuses to trash twice (410), then deletes for good with WordPress\'s { deleted, previous }', async () => {
    const created = (await create(users.author.auth, { title: 'Doomed' })).json<{ id: number }>();
    const url = `/wp-json/wp/v2/posts/${created.id}`;
    expect((await rest(app, 'DELETE', url, { auth: users.otherAuthor.auth })).json<Json>().code).toBe('rest_cannot_delete');
    expect((await rest(app, 'DELETE', url)).statusCode).toBe(401);
    expect((await rest(app, 'DELETE', url, { auth: users.author.auth })).json<Json>()).toMatchObject({ id: created.id, status: 'trash' });
    const again = await rest(app, 'DELETE', url, { auth: users.author.auth });
    expect(again.statusCode).toBe(410);
    expect(again.json<Json>().code).toBe('rest_already_trashed');
    const gone = await rest(app, 'DELETE', `${url}?force=true`, { auth: users.author.auth });
    expect(gone.json<Json>()).toMatchObject({ deleted: true, previous: { id: created.id, title: { raw: 'Doomed' } } });
    expect((await rest(app, 'GET', url, { auth: users.author.auth })).statusCode).toBe(404);
  });
});

describe('revisions', () => {
  it('counts and lists a post\'s revisions for those who may edit it, newest first', async () => {
    const created = (await rest(app, 'POST', '/wp-json/wp/v2/posts', { auth: users.author.auth, payload: { title: 'Version one', content: '<p>One</p>' } })).json<Json>();
    const url = `/wp-json/wp/v2/posts/${created.id}`;
    const updated = (await rest(app, 'POST', url, { auth: users.author.auth, payload: { title: 'Version two' } })).json<Json>();
    const links = updated._links as Record<string, Json[]>;
    expect(links['version-history']).toEqual([{ count: 2, href: `http://blog.test${url}/revisions` }]);
    const revisions = await rest(app, 'GET', `${url}/revisions?context=edit`, { auth: users.author.auth });
    expect(revisions.headers['x-wp-total']).toBe('2');
    const list = revisions.json<Json[]>();
    expect(list.map((r) => (r.title as Json).raw)).toEqual(['Version two', 'Version one']);
    expect(Object.keys(list[1] ?? {})).toEqual(['author', 'date', 'date_gmt', 'id', 'modified', 'modified_gmt', 'parent', 'slug', 'guid', 'title', 'content', 'excerpt', '_links']);
    expect(list[1]).toMatchObject({ parent: created.id, author: users.author.user.id, content: { raw: '<p>One</p>', rendered: '<p>One</p>' } });
    expect(links['predecessor-version']?.[0]?.id).toBe(list[0]?.id);
    const one = await rest(app, 'GET', `${url}/revisions/${String(list[1]?.id)}`, { auth: users.author.auth });
    expect(one.json<Json>()).toMatchObject({ id: list[1]?.id, title: { rendered: 'Version one' } });
  });

  it('refuses revisions to anonymous callers (401), other authors (403), and for a post that does not exist (404)', async () => {
    const url = `/wp-json/wp/v2/posts/${published.id}/revisions`;
    expect((await rest(app, 'GET', url)).json()).toEqual({ code: 'rest_cannot_read', message: 'Sorry, you are not allowed to view revisions of this post.', data: { status: 401 } });
    expect((await rest(app, 'GET', url, { auth: users.otherAuthor.auth })).statusCode).toBe(403);
    expect((await rest(app, 'GET', '/wp-json/wp/v2/posts/999999/revisions', { auth: users.editor.auth })).json<Json>().code).toBe('rest_post_invalid_parent');
    expect((await rest(app, 'GET', `${url}/999999`, { auth: users.author.auth })).json<Json>().code).toBe('rest_post_invalid_id');
    // Anonymous readers get no version-history link: its count is the editors' business.
    expect(((await rest(app, 'GET', `/wp-json/wp/v2/posts/${published.id}`)).json<Json>()._links as Json)['version-history']).toBeUndefined();
  });
});

describe('pages', () => {
  it('lets editors create pages under a parent, and filters by parent', async () => {
    const parent = (await rest(app, 'POST', '/wp-json/wp/v2/pages', { auth: users.editor.auth, payload: { title: 'Parent', status: 'publish' } })).json<{ id: number }>();
    const child = await rest(app, 'POST', '/wp-json/wp/v2/pages', { auth: users.editor.auth, payload: { title: 'Child', status: 'publish', parent: parent.id, menu_order: 2 } });
    expect(child.statusCode).toBe(201);
    expect(child.json<Json>()).toMatchObject({ parent: parent.id, menu_order: 2, link: 'http://blog.test/parent/child/' });
    const children = (await rest(app, 'GET', `/wp-json/wp/v2/pages?parent=${parent.id}`)).json<Json[]>();
    expect(children.map((p) => p.title)).toEqual([{ rendered: 'Child' }]);
    const topLevel = await rest(app, 'GET', '/wp-json/wp/v2/pages?parent=0&per_page=100');
    const topTitles = topLevel.json<{ title: { rendered: string } }[]>().map((p) => p.title.rendered);
    expect(topTitles).toContain('Parent');
    expect(topTitles).not.toContain('Child');
    expect(topLevel.headers['x-wp-total']).toBe(String(topTitles.length));
  });

  it('refuses pages to authors (edit_pages) and a parent that is not a page', async () => {
    const response = await rest(app, 'POST', '/wp-json/wp/v2/pages', { auth: users.author.auth, payload: { title: 'Mine' } });
    expect(response.statusCode).toBe(403);
    expect(response.json<Json>()).toEqual({ code: 'rest_cannot_create', message: 'Sorry, you are not allowed to create pages as this user.', data: { status: 403 } });
    const badParent = await rest(app, 'POST', '/wp-json/wp/v2/pages', { auth: users.editor.auth, payload: { title: 'Orphan', parent: published.id } });
    expect(badParent.statusCode).toBe(400);
    expect(badParent.json<Json>().code).toBe('rest_post_invalid_id');
  });
});
