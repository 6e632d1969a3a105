// Posts → Tags at /admin/tags: the same screen without parents; deleting a tag only takes it off its posts, merging
// moves its posts and sends its old address (301) to the other tag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Term } from '../../src/features/taxonomy/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildCategory, buildPost } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

const BASE = '/admin/tags';

describe('Posts → Tags', () => {
  let app: TestApp;
  let admin: CookieJar;

  async function send(url: string, fields: Readonly<Record<string, string>> | [string, string][], jar = admin) {
    const { csrf } = await openForm(app, BASE, jar);
    const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
    return app.server.inject({
      method: 'POST', url, payload: new URLSearchParams([['_csrf', csrf], ...pairs]).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    });
  }
  const tag = async (name: string) => (await app.services.taxonomy.ensureTags([name]))[0] as Term;
  const termsOf = async (postId: number) => ((await app.services.taxonomy.termsOfPosts([postId])).get(postId) ?? []).map((t) => t.name).sort();
  const countOf = async (id: number) => (await app.services.taxonomy.listWithCounts('post_tag')).find((t) => t.id === id)?.count;

  beforeAll(async () => {
    app = await createTestApp();
    const user = await createStaff(app, 'administrator');
    admin = await signIn(app, user.email, STAFF_PASSWORD);
  });
  afterAll(() => app.close());

  it('adds a tag from the form, with no parent to choose', async () => {
    const { $ } = await openForm(app, BASE, admin);
    expect($('h1').text()).toBe('Tags');
    expect($('h2').first().text()).toBe('Add New Tag');
    expect($('#field-parent').length).toBe(0);
    const response = await send(BASE, { name: 'Night Sky', slug: '', description: 'Stars' });
    expect(response.statusCode).toBe(303);
    expect(await app.services.taxonomy.findBySlug('post_tag', 'night-sky')).toMatchObject({ name: 'Night Sky', description: 'Stars', parentId: null });
    expect(parseHtml((await get(app, `${BASE}?done=added`, admin)).body)('.admin-notice').text()).toBe('Tag added.');
    expect((await get(app, '/tag/night-sky/')).statusCode).toBe(200);
  });

  it('refuses a duplicate slug beside the field (409) and an empty name (400), adding nothing', async () => {
    await tag('Moon');
    const before = (await app.services.taxonomy.listWithCounts('post_tag')).length;
    const taken = await send(BASE, { name: 'Another moon', slug: 'moon' });
    expect(taken.statusCode).toBe(409);
    expect(parseHtml(taken.body)('#field-slug-error').text()).toBe('The slug "moon" is already used.');
    expect((await send(BASE, { name: '' })).statusCode).toBe(400);
    expect((await app.services.taxonomy.listWithCounts('post_tag')).length).toBe(before);
  });

  it('deletes a tag: it leaves its posts, which keep their other terms', async () => {
    const doomed = await tag('Doomed tag');
    const category = await buildCategory(app, { name: 'Kept category' });
    const post = await buildPost(app, { categories: [category], tags: ['Doomed tag', 'Kept tag'] });
    const response = await send(`${BASE}/${doomed.id}/delete`, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${BASE}?done=deleted`);
    expect(await app.services.taxonomy.findById(doomed.id)).toBeUndefined();
    expect(await termsOf(post.id)).toEqual(['Kept category', 'Kept tag']);
    expect((await get(app, '/tag/doomed-tag/')).statusCode).toBe(404);
  });

  it('merges a tag into another: its posts move, counts add up, and /tag/old/ answers 301', async () => {
    const from = await tag('Astronomy');
    const into = await tag('Stargazing');
    const posts = [await buildPost(app, { tags: ['Astronomy'] }), await buildPost(app, { tags: ['Astronomy', 'Stargazing'] })];
    const response = await send(`${BASE}/${from.id}/merge`, { into: String(into.id) });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${BASE}/${into.id}/edit?done=merged`);
    expect(parseHtml((await get(app, String(response.headers.location), admin)).body)('.admin-notice').text()).toBe('Tags merged.');
    for (const post of posts) expect(await termsOf(post.id)).toEqual(['Stargazing']);
    expect(await countOf(into.id)).toBe(2);
    const old = await get(app, '/tag/astronomy/');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/tag/stargazing/');
    // A category is not a tag: no merging across.
    const category = await buildCategory(app);
    expect((await send(`${BASE}/${into.id}/merge`, { into: String(category.id) })).statusCode).toBe(400);
  });

  it('deletes ticked tags in bulk, and only tags', async () => {
    const [a, b] = [await tag('Bulk tag A'), await tag('Bulk tag B')];
    const category = await buildCategory(app, { name: 'Not a tag' });
    const response = await send(`${BASE}/bulk`, [['action', 'delete'], ['ids', String(a.id)], ['ids', String(b.id)], ['ids', String(category.id)]]);
    expect(response.headers.location).toBe(`${BASE}?done=bulk-deleted&n=2`);
    expect(await app.services.taxonomy.findById(a.id)).toBeUndefined();
    expect(await app.services.taxonomy.findById(category.id)).toBeDefined();
    expect(parseHtml((await get(app, `${BASE}?done=bulk-deleted&n=2`, admin)).body)('.admin-notice').text()).toBe('Tags deleted. (2)');
  });

  it('refuses a form without its CSRF token, and a subscriber or author (403), changing nothing', async () => {
    const kept = await tag('Kept');
    expect((await postForm(app, `${BASE}/${kept.id}/delete`, {}, admin)).statusCode).toBe(403);
    for (const role of ['subscriber', 'author'] as const) {
      const user = await createStaff(app, role);
      const jar = await signIn(app, user.email, STAFF_PASSWORD);
      const { csrf } = await openForm(app, '/admin/login', jar);
      expect((await postForm(app, `${BASE}/${kept.id}/delete`, { _csrf: csrf }, jar)).statusCode).toBe(403);
      expect((await postForm(app, `${BASE}/${kept.id}/edit`, { _csrf: csrf, name: 'Renamed' }, jar)).statusCode).toBe(403);
    }
    expect(await app.services.taxonomy.findById(kept.id)).toMatchObject({ name: 'Kept' });
  });
});
