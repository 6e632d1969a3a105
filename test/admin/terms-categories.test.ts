// Posts → Categories at /admin/categories: adding, editing, deleting (posts to the default category, children to the
// parent), merging (posts moved, old address 301) and bulk delete; bad input refused beside its field, nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Term } from '../../src/features/taxonomy/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildCategory, buildPost } from '../support/factories.js';
import { type Page, parseHtml } from '../support/html.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

const BASE = '/admin/categories';

describe('Posts → Categories', () => {
  let app: TestApp;
  let editor: CookieJar;

  /** Posts a form from `page` (for its CSRF token) with `fields`; repeated names as pairs. */
  async function send(url: string, fields: Readonly<Record<string, string>> | [string, string][], jar = editor, from = BASE) {
    const { csrf } = await openForm(app, from, jar);
    const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
    return app.server.inject({
      method: 'POST', url, payload: new URLSearchParams([['_csrf', csrf], ...pairs]).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    });
  }
  const page = async (url: string) => parseHtml((await get(app, url, editor)).body);
  const countOf = async (id: number) => (await app.services.taxonomy.listWithCounts('category')).find((t) => t.id === id)?.count;
  const categoriesOf = async (postId: number) => ((await app.services.taxonomy.termsOfPosts([postId])).get(postId) ?? []).map((t) => t.name).sort();
  const byName = async (name: string) => (await app.services.taxonomy.listWithCounts('category')).find((t) => t.name === name);
  const fieldError = ($: Page, name: string) => $(`#field-${name}-error`).text();

  beforeAll(async () => {
    app = await createTestApp();
    const user = await createStaff(app, 'editor');
    editor = await signIn(app, user.email, STAFF_PASSWORD);
  });
  afterAll(() => app.close());

  it('shows WordPress’s screen: the Add New Category form beside the table of categories with their counts', async () => {
    const music = await buildCategory(app, { name: 'Music', description: 'Songs and records' });
    await buildPost(app, { categories: [music] });
    const $ = await page(BASE);
    expect($('h1').text()).toBe('Categories');
    expect($('.admin-nav a[aria-current="page"]').text()).toBe('Categories');
    expect($('h2').first().text()).toBe('Add New Category');
    expect($('label[for="field-name"]').text()).toContain('Name');
    expect($('label[for="field-parent"]').text()).toBe('Parent Category');
    expect($('#field-parent option').first().text()).toBe('None');
    expect($('thead th').map((_, th) => $(th).text().trim()).get()).toEqual(['Name', 'Description', 'Slug', 'Count']);
    const row = $(`#term-row-${music.id}`);
    expect(row.find('.term-name > a').text()).toBe('Music');
    expect(row.find('.term-description').text()).toBe('Songs and records');
    expect(row.find('.term-slug').text()).toBe('music');
    expect(row.find('.term-count').text()).toBe('1');
    expect(row.find('a:contains("View")').attr('href')).toBe('/category/music/');
  });

  it('adds a category with its slug, parent and description, then says so', async () => {
    const parent = await buildCategory(app, { name: 'Travel' });
    const response = await send(BASE, { name: 'Night trains', slug: 'sleepers', parent: String(parent.id), description: 'Couchettes' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${BASE}?done=added`);
    const added = await app.services.taxonomy.findBySlug('category', 'sleepers');
    expect(added).toMatchObject({ name: 'Night trains', parentId: parent.id, description: 'Couchettes' });
    const $ = await page(`${BASE}?done=added`);
    expect($('.admin-notice').text()).toBe('Category added.');
    // Tree order: the child right under its parent, marked one level down.
    expect($(`#term-row-${added?.id} .term-name > a`).text()).toBe('— Night trains');
    expect((await get(app, '/category/travel/sleepers/')).statusCode).toBe(200);
  });

  it('escapes a hostile name everywhere it is shown', async () => {
    const name = '<img src=x onerror=alert(1)>"\'&';
    expect((await send(BASE, { name, slug: 'hostile' })).statusCode).toBe(303);
    const $ = await page(BASE);
    expect($('img[src="x"]').length).toBe(0);
    expect($('.term-name > a').filter((_, a) => $(a).text() === name).length).toBe(1);
  });

  it.each([
    ['an empty name', { name: '   ' }, 'name', 400, 'A name is 1–200 characters.'],
    ['a name too long', { name: 'x'.repeat(201) }, 'name', 400, 'A name is 1–200 characters.'],
    ['a slug with spaces', { name: 'Fine', slug: 'not a slug' }, 'slug', 400, 'A slug is lowercase letters, digits and single hyphens.'],
    ['a slug already used', { name: 'Twice', slug: 'music' }, 'slug', 409, 'The slug "music" is already used.'],
    ['a parent that does not exist', { name: 'Orphan', parent: '999999' }, 'parent', 400, 'The parent category does not exist.'],
    ['a parent that is nonsense', { name: 'Orphan', parent: '1; DROP TABLE terms' }, 'parent', 400, 'The parent category does not exist.'],
    ['a description too long', { name: 'Wordy', description: 'y'.repeat(5001) }, 'description', 400, 'A description is at most 5,000 characters.'],
  ])('refuses %s beside the field, keeps what was typed and adds nothing', async (_, fields, field, status, message) => {
    const before = (await app.services.taxonomy.listWithCounts('category')).length;
    const response = await send(BASE, fields);
    expect(response.statusCode).toBe(status);
    const $ = parseHtml(response.body);
    expect(fieldError($, field)).toBe(message);
    expect($(`#field-${field}`).attr('aria-describedby')).toContain(`field-${field}-error`);
    expect($('.form-errors a').attr('href')).toBe(`#field-${field}`);
    expect($('#field-name').val()).toBe(fields.name);
    expect((await app.services.taxonomy.listWithCounts('category')).length).toBe(before);
  });

  it('refuses a form without its CSRF token (403), and an author (403), adding nothing', async () => {
    const before = (await app.services.taxonomy.listWithCounts('category')).length;
    const bare = await postForm(app, BASE, { name: 'No token' }, editor);
    expect(bare.statusCode).toBe(403);
    const author = await createStaff(app, 'author');
    const authorJar = await signIn(app, author.email, STAFF_PASSWORD);
    expect((await send(BASE, { name: 'By an author' }, authorJar, '/admin/')).statusCode).toBe(403);
    expect((await get(app, BASE, authorJar)).statusCode).toBe(403);
    expect((await app.services.taxonomy.listWithCounts('category')).length).toBe(before);
  });

  it('edits a category, and refuses a parent that would make a loop', async () => {
    const top = await buildCategory(app, { name: 'Top' });
    const middle = await buildCategory(app, { name: 'Middle', parentId: top.id });
    const edit = `${BASE}/${top.id}/edit`;
    const $ = await page(edit);
    expect($('h1').text()).toBe('Edit Category');
    expect($('#field-name').val()).toBe('Top');
    // Its own subcategories are not offered as its parent…
    expect($(`#field-parent option[value="${middle.id}"]`).length).toBe(0);
    // …and sent anyway, they are refused.
    const loop = await send(edit, { name: 'Top', slug: 'top', parent: String(middle.id), description: '' }, editor, edit);
    expect(loop.statusCode).toBe(400);
    expect(fieldError(parseHtml(loop.body), 'parent')).toBe('A category cannot be its own parent, nor the parent of one of its parents.');
    const self = await send(edit, { name: 'Top', slug: 'top', parent: String(top.id) }, editor, edit);
    expect(self.statusCode).toBe(400);
    expect((await app.services.taxonomy.findById(top.id))?.parentId).toBeNull();

    const taken = await send(edit, { name: 'Top', slug: 'music' }, editor, edit);
    expect(taken.statusCode).toBe(409);
    expect(fieldError(parseHtml(taken.body), 'slug')).toBe('The slug "music" is already used.');

    const saved = await send(edit, { name: 'Summit', slug: 'summit', parent: '', description: 'Highest' }, editor, edit);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${edit}?done=updated`);
    expect(await app.services.taxonomy.findById(top.id)).toMatchObject({ name: 'Summit', slug: 'summit', description: 'Highest', parentId: null });
    expect(parseHtml((await get(app, `${edit}?done=updated`, editor)).body)('.admin-notice').text()).toBe('Category updated.');
  });

  it('answers 404 for a category that does not exist, or a tag’s id', async () => {
    expect((await get(app, `${BASE}/999999/edit`, editor)).statusCode).toBe(404);
    expect((await get(app, `${BASE}/abc/edit`, editor)).statusCode).toBe(404);
    const [tag] = await app.services.taxonomy.ensureTags(['not-a-category']);
    expect((await get(app, `${BASE}/${(tag as Term).id}/edit`, editor)).statusCode).toBe(404);
    expect((await send(`${BASE}/999999/delete`, {})).statusCode).toBe(404);
  });

  it('deletes a category: its lone posts go to the default category, its children to its parent, counts follow', async () => {
    const parent = await buildCategory(app, { name: 'Parent' });
    const doomed = await buildCategory(app, { name: 'Doomed', parentId: parent.id });
    const child = await buildCategory(app, { name: 'Child of doomed', parentId: doomed.id });
    const other = await buildCategory(app, { name: 'Other' });
    const lone = await buildPost(app, { categories: [doomed] });
    const shared = await buildPost(app, { categories: [doomed, other] });

    const response = await send(`${BASE}/${doomed.id}/delete`, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${BASE}?done=deleted`);
    expect(await app.services.taxonomy.findById(doomed.id)).toBeUndefined();
    expect(await categoriesOf(lone.id)).toEqual(['Uncategorized']);
    expect(await categoriesOf(shared.id)).toEqual(['Other']);
    expect((await app.services.taxonomy.findById(child.id))?.parentId).toBe(parent.id);
    const uncategorized = await app.services.taxonomy.defaultCategory();
    expect(await countOf(uncategorized.id)).toBe(1);
    expect(await countOf(other.id)).toBe(1);
    expect((await get(app, '/category/parent/doomed/')).statusCode).toBe(404);
  });

  it('keeps the default category: no Delete button, and a forced delete or merge is refused (409)', async () => {
    const fallback = await app.services.taxonomy.defaultCategory();
    const $ = await page(BASE);
    expect($(`#term-row-${fallback.id} button`).length).toBe(0);
    expect($(`#term-row-${fallback.id} input[type="checkbox"]`).length).toBe(0);
    const edit = await page(`${BASE}/${fallback.id}/edit`);
    expect(edit('.admin-note').text()).toContain('default category');
    expect(edit('form[action$="/delete"]').length).toBe(0);
    expect((await send(`${BASE}/${fallback.id}/delete`, {})).statusCode).toBe(409);
    const other = await buildCategory(app);
    expect((await send(`${BASE}/${fallback.id}/merge`, { into: String(other.id) })).statusCode).toBe(409);
    expect(await app.services.taxonomy.findById(fallback.id)).toBeDefined();
  });

  it('merges a category into another: its posts move, it is gone, and its old address answers 301', async () => {
    const from = await buildCategory(app, { name: 'Pets' });
    const into = await buildCategory(app, { name: 'Animals' });
    const sub = await buildCategory(app, { name: 'Cats', parentId: from.id });
    const [a, b] = [await buildPost(app, { categories: [from] }), await buildPost(app, { categories: [from, into] })];
    await buildPost(app, { categories: [into] });
    const edit = `${BASE}/${from.id}/edit`;
    expect((await page(edit))('label[for="field-into"]').text()).toBe('Merge into category');

    const response = await send(`${BASE}/${from.id}/merge`, { into: String(into.id) }, editor, edit);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${BASE}/${into.id}/edit?done=merged`);
    expect(await app.services.taxonomy.findById(from.id)).toBeUndefined();
    expect(await categoriesOf(a.id)).toEqual(['Animals']);
    expect(await categoriesOf(b.id)).toEqual(['Animals']);
    expect(await countOf(into.id)).toBe(3);
    expect((await app.services.taxonomy.findById(sub.id))?.parentId).toBe(into.id);
    const old = await get(app, '/category/pets/');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/category/animals/');
    expect((await get(app, '/category/pets/page/2/')).headers.location).toBe('/category/animals/');

    // Merged again: the first address follows to the newest home.
    const last = await buildCategory(app, { name: 'Creatures' });
    expect((await send(`${BASE}/${into.id}/merge`, { into: String(last.id) })).statusCode).toBe(303);
    expect((await get(app, '/category/pets/')).headers.location).toBe('/category/creatures/');
  });

  it('refuses a merge into nothing, into itself or into one of its subcategories, changing nothing', async () => {
    const from = await buildCategory(app, { name: 'Stays' });
    const below = await buildCategory(app, { name: 'Below', parentId: from.id });
    for (const into of ['', 'abc', String(from.id), String(below.id), '999999']) {
      const response = await send(`${BASE}/${from.id}/merge`, { into });
      expect(response.statusCode, into).toBe(400);
      expect(parseHtml(response.body)('#field-into-error').text()).not.toBe('');
    }
    expect(await app.services.taxonomy.findById(from.id)).toBeDefined();
  });

  it('deletes the ticked categories in bulk, skipping the default one', async () => {
    const [x, y] = [await buildCategory(app, { name: 'Bulk X' }), await buildCategory(app, { name: 'Bulk Y' })];
    const fallback = await app.services.taxonomy.defaultCategory();
    const pairs: [string, string][] = [['action', 'delete'], ['ids', String(x.id)], ['ids', String(y.id)], ['ids', String(fallback.id)]];
    const response = await send(`${BASE}/bulk`, pairs);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${BASE}?done=bulk-deleted&n=2`);
    expect(await byName('Bulk X')).toBeUndefined();
    expect(await byName('Bulk Y')).toBeUndefined();
    expect(await app.services.taxonomy.findById(fallback.id)).toBeDefined();
    expect((await send(`${BASE}/bulk`, [['action', 'delete']])).statusCode).toBe(400);
    expect((await send(`${BASE}/bulk`, [['action', 'explode'], ['ids', String(fallback.id)]])).statusCode).toBe(400);
    expect((await send(`${BASE}/bulk`, [['action', 'delete'], ['ids', 'x']])).statusCode).toBe(400);
  });

  it('searches, sorts by a column and pages the table', async () => {
    for (let i = 1; i <= 22; i += 1) await buildCategory(app, { name: `Paged ${String(i).padStart(2, '0')}` });
    const search = await page(`${BASE}?s=paged`);
    expect(search('#term-search').val()).toBe('paged');
    expect(search('.displaying-num').text()).toBe('22 items');
    expect(search('.term-name > a').length).toBe(20);
    const second = await page(`${BASE}?s=paged&paged=2`);
    expect(second('.term-name > a').map((_, a) => second(a).text()).get()).toEqual(['Paged 21', 'Paged 22']);
    const desc = await page(`${BASE}?s=paged&orderby=name&order=desc`);
    expect(desc('.term-name > a').first().text()).toBe('Paged 22');
    expect(desc('th[aria-sort="descending"]').text()).toContain('Name');
    expect((await page(`${BASE}?s=nothing-matches-this`))('.no-results').text()).toBe('No categories found.');
    for (const bad of ['?orderby=password', '?order=sideways', '?paged=0', `?s=${'x'.repeat(201)}`, '?s=a&s=b']) {
      expect((await get(app, `${BASE}${bad}`, editor)).statusCode, bad).toBe(400);
    }
  });
});
