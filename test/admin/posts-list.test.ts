// The lists at /admin/posts and /admin/pages: status counts, filters, search, sorting, paging, row and bulk actions
// (each item checked against the posts policy), and Quick Edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import type { Term } from '../../src/features/taxonomy/index.js';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildCategory, buildPage, buildPost } from '../support/factories.js';
import { type Page, parseHtml } from '../support/html.js';
import { type CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

let app: TestApp;
let editor: User;
let author: User;
let contributor: User;
let editorJar: CookieJar;
let authorJar: CookieJar;
let rail: Term;
let sea: Term;
let railPost: Post;
let seaPost: Post;

beforeAll(async () => {
  app = await createTestApp();
  [editor, author, contributor] = await Promise.all([createStaff(app, 'editor'), createStaff(app, 'author'), createStaff(app, 'contributor')]);
  editorJar = await signIn(app, editor.email, STAFF_PASSWORD);
  authorJar = await signIn(app, author.email, STAFF_PASSWORD);
  rail = await buildCategory(app, { name: 'Rail' });
  sea = await buildCategory(app, { name: 'Sea' });
  railPost = await buildPost(app, { author, title: 'Zebra crossing by train', categories: [rail], tags: ['night'], publishedAt: '2026-03-05T10:00:00Z' });
  seaPost = await buildPost(app, { author: editor, title: 'Anchors aweigh', categories: [sea], publishedAt: '2026-04-05T10:00:00Z' });
  await buildPost(app, { author: contributor, title: 'Pending thoughts', status: 'pending' });
  await buildPost(app, { author: editor, title: 'Secret plans', status: 'private', publishedAt: '2026-04-06T10:00:00Z' });
  await buildPost(app, { author, title: 'Draft idea', status: 'draft' });
  await buildPage(app, { author: editor, title: 'About' });
});
afterAll(() => app.close());

const titles = ($: Page) => $('tbody th.column-title strong').map((_, el) => $(el).text()).get();
const list = async (url: string, jar = editorJar) => parseHtml((await get(app, url, jar)).body);

describe('the list of posts', () => {
  it('links every status with its count, and All counts everything but the trash', async () => {
    const $ = await list('/admin/posts');
    const links = $('.subsubsub a').map((_, a) => $(a).text().replace(/\s+/g, ' ').trim()).get();
    expect(links).toEqual(['All (5)', 'Published (2)', 'Drafts (1)', 'Pending (1)', 'Private (1)']);
    expect($('.subsubsub a[aria-current="page"]').text()).toContain('All');
    expect(titles($)).toHaveLength(5);
  });

  it('shows a contributor every post but others\' private ones, and lets them act only on their own', async () => {
    const jar = await signIn(app, contributor.email, STAFF_PASSWORD);
    const $ = await list('/admin/posts', jar);
    expect(titles($)).not.toContain('Secret plans');
    expect(titles($)).toContain('Zebra crossing by train');
    const row = $(`#post-${railPost.id}`);
    expect(row.find('input[type="checkbox"]').length).toBe(0);
    expect(row.find('.row-actions').text()).not.toContain('Edit');
    expect($('.subsubsub').text()).not.toContain('Private');
  });

  it('filters by status, category, tag, author and month, and searches', async () => {
    expect(titles(await list('/admin/posts?post_status=pending'))).toEqual(['Pending thoughts']);
    expect(titles(await list(`/admin/posts?cat=${rail.id}`))).toEqual(['Zebra crossing by train']);
    expect(titles(await list('/admin/posts?tag=night'))).toEqual(['Zebra crossing by train']);
    expect(titles(await list(`/admin/posts?author=${editor.id}`)).sort()).toEqual(['Anchors aweigh', 'Secret plans']);
    expect(titles(await list('/admin/posts?m=202604')).sort()).toEqual(['Anchors aweigh', 'Secret plans']);
    expect(titles(await list('/admin/posts?s=anchors'))).toEqual(['Anchors aweigh']);
    const $ = await list('/admin/posts');
    expect($('#filter-cat option').map((_, o) => $(o).text()).get()).toEqual(['All Categories', 'Rail', 'Sea']);
    expect($('label[for="filter-m"]').length).toBe(1);
  });

  it('sorts by title, author and date, either way, marking the sorted column', async () => {
    const $ = await list('/admin/posts?orderby=title&order=asc');
    expect(titles($)[0]).toBe('Anchors aweigh');
    expect($('th[aria-sort="ascending"]').text()).toBe('Title');
    expect($('th[aria-sort="ascending"] a').attr('href')).toBe('/admin/posts?orderby=title');
    expect(titles(await list('/admin/posts?orderby=title&order=desc'))[0]).toBe('Zebra crossing by train');
  });

  it('pages by 20, keeping the filters in the page links', async () => {
    const pager = await buildCategory(app, { name: 'Paged' });
    for (let i = 0; i < 21; i += 1) await buildPost(app, { author, title: `Paged ${String(i).padStart(2, '0')}`, categories: [pager] });
    const first = await list(`/admin/posts?cat=${pager.id}`);
    expect(titles(first)).toHaveLength(20);
    expect(first('.displaying-num').text()).toBe('21 items');
    expect(first('a[rel="next"]').attr('href')).toBe(`/admin/posts?cat=${pager.id}&paged=2`);
    expect(titles(await list(`/admin/posts?cat=${pager.id}&paged=2`))).toHaveLength(1);
  });

  it('ignores unreadable filters and escapes a hostile search', async () => {
    const response = await get(app, '/admin/posts?paged=-3&orderby=evil&order=sideways&cat=x&m=2026&s=%3Cscript%3Ealert(1)%3C/script%3E', editorJar);
    expect(response.statusCode).toBe(200);
    const $ = parseHtml(response.body);
    expect($('script:not([src])').length).toBe(0);
    expect($('#post-search-input').val()).toBe('<script>alert(1)</script>');
    expect($('.no-results').text()).toBe('No posts found.');
  });

  it('lists pages at /admin/pages without categories or tags', async () => {
    const $ = await list('/admin/pages');
    expect(titles($)).toEqual(['About']);
    expect($('thead th').map((_, th) => $(th).text()).get()).toEqual(['Title', 'Author', 'Date']);
  });
});

describe('row and bulk actions', () => {
  async function bulk(jar: CookieJar, fields: Record<string, string | string[]>, path = '/admin/posts') {
    const { csrf } = await openForm(app, path, jar);
    const body = new URLSearchParams({ _csrf: csrf, return: path });
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    return app.server.inject({ method: 'POST', url: `${path}/bulk`, payload: body.toString(), headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' } });
  }

  it('moves to the trash what the author may, and says what it could not change and why', async () => {
    const own = await buildPost(app, { author, title: 'Own 1', status: 'draft' });
    const own2 = await buildPost(app, { author, title: 'Own 2', status: 'draft' });
    const own3 = await buildPost(app, { author, title: 'Own 3', status: 'published' });
    const response = await bulk(authorJar, { bulk_action: 'trash', post: [own.id, own2.id, own3.id, seaPost.id].map(String) });
    expect(response.statusCode).toBe(303);
    const $ = await list(String(response.headers.location), authorJar);
    expect($('.admin-notice').text()).toBe('3 posts moved to the Trash. 1 post could not be changed: you may not delete it.');
    expect((await app.services.posts.findById(own.id))?.status).toBe('trash');
    expect((await app.services.posts.findById(seaPost.id))?.status).toBe('published');
  });

  it('restores and deletes permanently from the trash, and publishes as an editor', async () => {
    const gone = await buildPost(app, { author, title: 'To delete', status: 'trash' });
    const back = await buildPost(app, { author, title: 'To restore', status: 'trash' });
    const draft = await buildPost(app, { author, title: 'To publish', status: 'draft' });
    expect((await bulk(editorJar, { bulk_action: 'delete', post: String(gone.id) })).statusCode).toBe(303);
    expect(await app.services.posts.findById(gone.id)).toBeUndefined();
    expect((await bulk(editorJar, { bulk_action: 'restore', post: String(back.id) })).statusCode).toBe(303);
    expect((await app.services.posts.findById(back.id))?.status).toBe('draft');
    const published = await bulk(editorJar, { bulk_action: 'publish', post: String(draft.id) });
    expect((await list(String(published.headers.location)))('.admin-notice').text()).toBe('1 post published.');
    expect((await app.services.posts.findById(draft.id))?.status).toBe('published');
  });

  it('adds checked posts to a category, keeping their other terms; an author may not publish (refused: publish)', async () => {
    const response = await bulk(editorJar, { bulk_action: 'add-category', category: String(sea.id), post: String(railPost.id) });
    expect(response.statusCode).toBe(303);
    const terms = (await app.services.taxonomy.termsOfPosts([railPost.id])).get(railPost.id)?.map((t) => t.name).sort();
    expect(terms).toEqual(['Rail', 'Sea', 'night']);
    const contributorJar = await signIn(app, contributor.email, STAFF_PASSWORD);
    const mine = await buildPost(app, { author: contributor, title: 'Contributor draft', status: 'draft' });
    const refused = await bulk(contributorJar, { bulk_action: 'publish', post: String(mine.id) });
    expect((await list(String(refused.headers.location), contributorJar))('.admin-notice').text()).toBe('0 posts published. 1 post could not be changed: you may not publish it.');
  });

  it('refuses (400) a bulk request without an action, without items, with too many, or with an unknown category; nothing changes', async () => {
    const requests: Record<string, string | string[]>[] = [
      { post: String(railPost.id) }, { bulk_action: 'trash' }, { bulk_action: 'explode', post: String(railPost.id) },
      { bulk_action: 'trash', post: Array.from({ length: 201 }, (_, i) => String(i + 1)) },
      { bulk_action: 'add-category', category: '999999', post: String(railPost.id) },
    ];
    for (const fields of requests) {
      const response = await bulk(editorJar, fields);
      expect(response.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(400);
    }
    expect((await app.services.posts.findById(railPost.id))?.status).toBe('published');
    const forged = await postForm(app, '/admin/posts/bulk', { bulk_action: 'trash', post: String(railPost.id) }, editorJar);
    expect(forged.statusCode).toBe(403);
  });

  it('a row action trashes one post and comes back to the list; the return address cannot leave the list', async () => {
    const post = await buildPost(app, { author, title: 'Row trash', status: 'draft' });
    const { csrf } = await openForm(app, '/admin/posts', authorJar);
    const response = await postForm(app, `/admin/posts/${post.id}/trash`, { _csrf: csrf, return: 'https://evil.test/admin/posts' }, authorJar);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/posts?done=trash&changed=1&refused=0');
    expect((await app.services.posts.findById(post.id))?.status).toBe('trash');
    const others = await postForm(app, `/admin/posts/${seaPost.id}/trash`, { _csrf: csrf }, authorJar);
    expect(others.statusCode).toBe(403);
  });
});

describe('quick edit', () => {
  it('changes title, slug, status and categories without touching tags', async () => {
    const post = await buildPost(app, { author: editor, title: 'Quick one', categories: [rail], tags: ['kept'] });
    const list = await openForm(app, '/admin/posts?post_status=published&s=quick', editorJar);
    const link = String(list.$(`#post-${post.id} a:contains("Quick Edit")`).attr('href'));
    const { $, csrf } = await openForm(app, link, editorJar);
    expect($('#quick-title').val()).toBe('Quick one');
    expect($('input[name="return"]').val()).toBe('/admin/posts?post_status=published&s=quick');
    expect($('label[for="quick-status"]').length).toBe(1);
    const response = await postForm(app, `/admin/posts/${post.id}/quick-edit`, {
      _csrf: csrf, title: 'Quicker', slug: 'quicker', status: 'draft', categories: String(sea.id), return: String($('input[name="return"]').val()),
    }, editorJar);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/posts?post_status=published&s=quick&done=updated&changed=1&refused=0');
    expect(await app.services.posts.findById(post.id)).toMatchObject({ title: 'Quicker', slug: 'quicker', status: 'draft' });
    const terms = (await app.services.taxonomy.termsOfPosts([post.id])).get(post.id)?.map((t) => t.name).sort();
    expect(terms).toEqual(['Sea', 'kept']);
  });

  it('shows refusals by the field (400) and changes nothing; a contributor is not offered Published', async () => {
    const post = await buildPost(app, { author: editor, title: 'Stay' });
    const { csrf } = await openForm(app, `/admin/posts/${post.id}/quick-edit`, editorJar);
    const empty = await postForm(app, `/admin/posts/${post.id}/quick-edit`, { _csrf: csrf, title: '', slug: '', status: 'published' }, editorJar);
    expect(empty.statusCode).toBe(400);
    expect(parseHtml(empty.body)('#quick-title-error').text()).toBe('A title is required.');
    const taken = await postForm(app, `/admin/posts/${post.id}/quick-edit`, { _csrf: csrf, title: 'Stay', slug: seaPost.slug, status: 'published' }, editorJar);
    expect(parseHtml(taken.body)('#quick-slug-error').text()).toContain('already used');
    const badStatus = await postForm(app, `/admin/posts/${post.id}/quick-edit`, { _csrf: csrf, title: 'Stay', slug: '', status: 'trash' }, editorJar);
    expect(badStatus.statusCode).toBe(400);
    expect(await app.services.posts.findById(post.id)).toMatchObject({ title: 'Stay', status: 'published', slug: post.slug });
    const contributorJar = await signIn(app, contributor.email, STAFF_PASSWORD);
    const mine = await buildPost(app, { author: contributor, title: 'Mine', status: 'draft' });
    const { $ } = await openForm(app, `/admin/posts/${mine.id}/quick-edit`, contributorJar);
    expect($('#quick-status option').map((_, o) => $(o).val()).get()).toEqual(['pending', 'draft']);
  });
});
