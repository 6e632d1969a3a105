// The editor at /admin/posts/new and /admin/posts/:id/edit: writing, saving, scheduling, and every refusal shown by
// its field with the typed values kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildCategory, buildPost } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { mutableClock } from '../support/clock.js';
import { type CookieJar, STAFF_PASSWORD, createStaff, openForm, postForm, signIn } from '../support/session.js';

const clock = mutableClock('2026-06-01T10:00:00Z');
let app: TestApp;
let editor: User;
let editorJar: CookieJar;

beforeAll(async () => {
  app = await createTestApp({ clock });
  editor = await createStaff(app, 'editor');
  editorJar = await signIn(app, editor.email, STAFF_PASSWORD);
});
afterAll(() => app.close());

/** The editor's fields as a browser sends them, with `changes` typed over the defaults. */
function editorFields(csrf: string, changes: Readonly<Record<string, string>>): Record<string, string> {
  return { _csrf: csrf, title: 'A title', slug: '', content: 'Some *text*.', excerpt: '', tags: '', featured_media: '', published_at: '', visibility: 'public', comment_status: 'open', action: 'draft', ...changes };
}

async function submitNew(jar: CookieJar, changes: Readonly<Record<string, string>>, path = '/admin/posts/new') {
  const { csrf } = await openForm(app, path, jar);
  return postForm(app, path, editorFields(csrf, changes), jar);
}

async function newestPost() {
  const { items } = await app.services.posts.list({ type: 'post', statuses: ['draft', 'pending', 'published', 'scheduled', 'private'], orderBy: 'id', limit: 1, offset: 0 });
  return items[0];
}

describe('the new post screen', () => {
  it('offers title, Markdown body with live preview, slug, excerpt, categories, tags, featured image, date, comments and author', async () => {
    await buildCategory(app, { name: 'Travel' });
    const { $, response } = await openForm(app, '/admin/posts/new', editorJar);
    expect(response.statusCode).toBe(200);
    expect($('h1').text()).toBe('Add New Post');
    expect($('textarea#content[name="content"]').length).toBe(1);
    expect($('label[for="content"]').text()).toContain('Content');
    for (const id of ['title', 'slug', 'excerpt', 'tags', 'featured_media', 'published_at', 'author', 'comment_status']) {
      expect($(`#${id}`).length, id).toBe(1);
      expect($(`label[for="${id}"]`).length, `label of ${id}`).toBe(1);
    }
    expect($('#published_at').attr('type')).toBe('datetime-local');
    expect($('button.media-picker[data-target="featured_media"][data-kind="image"]').text()).toBe('Set featured image');
    expect($('button.media-picker[data-insert="content"]').text()).toBe('Add Media');
    expect($('input[name="categories"]').parent().text()).toContain('Travel');
    expect($('details.add-category summary').text()).toBe('+ Add New Category');
    expect($('button[name="action"]').map((_, b) => $(b).text()).get()).toEqual(['Preview', 'Save Draft', 'Publish', 'Add New Category']);
    expect($('script[src^="/assets/editor."]').length).toBe(1);
    expect($('[id="content"]').length, 'one element with the id content').toBe(1);
  });

  it('saves a draft and opens it in the editor with a notice', async () => {
    const response = await submitNew(editorJar, { title: 'My first draft', content: 'Hello **world**' });
    expect(response.statusCode).toBe(303);
    const post = await newestPost();
    expect(post).toMatchObject({ title: 'My first draft', status: 'draft', authorId: editor.id, slug: 'my-first-draft' });
    expect(response.headers.location).toBe(`/admin/posts/${post?.id}/edit?message=draft`);
    const { $ } = await openForm(app, String(response.headers.location), editorJar);
    expect($('.admin-notice').text()).toBe('Post draft updated.');
    expect($('#title').val()).toBe('My first draft');
    expect($('#content').text()).toBe('Hello **world**');
  });
});

describe('saving from the editor', () => {
  it('publishes now with categories, new and existing tags, excerpt, featured image and closed comments', async () => {
    const travel = await buildCategory(app, { name: 'Trains' });
    await app.services.taxonomy.ensureTags(['rail']);
    const response = await submitNew(editorJar, {
      title: 'Night train', content: '# Sleeper', excerpt: 'On rails', tags: 'rail, Night trains', featured_media: '42', comment_status: 'closed',
      action: 'publish', categories: String(travel.id),
    });
    expect(response.statusCode).toBe(303);
    const post = await newestPost();
    expect(post).toMatchObject({ title: 'Night train', status: 'published', excerpt: 'On rails', featuredMediaId: 42, commentStatus: 'closed', publishedAt: '2026-06-01T10:00:00.000Z' });
    const terms = (await app.services.taxonomy.termsOfPosts([post!.id])).get(post!.id) ?? [];
    expect(terms.map((t) => t.name).sort()).toEqual(['Night trains', 'Trains', 'rail']);
    expect(response.headers.location).toMatch(/\?message=published$/);
  });

  it('schedules a post whose date is in the future, read in the site time zone, and queues its publication', async () => {
    await app.services.settings.update({ timezone: 'Europe/Paris' });
    try {
      const { $ } = await openForm(app, '/admin/posts/new', editorJar);
      expect($('#published_at-hint').text()).toContain('Europe/Paris');
      const response = await submitNew(editorJar, { title: 'Later', published_at: '2026-06-02T09:30', action: 'schedule' });
      expect(response.statusCode).toBe(303);
      const post = await newestPost();
      expect(post).toMatchObject({ title: 'Later', status: 'scheduled', publishedAt: '2026-06-02T07:30:00.000Z', publishedLocal: '2026-06-02T09:30:00' });
      const page = parseHtml((await openForm(app, String(response.headers.location), editorJar)).response.body);
      expect(page('.admin-notice').text()).toBe('Post scheduled.');
      expect(page('#published_at').val()).toBe('2026-06-02T09:30');
      expect(page('button[data-publish-button]').text()).toBe('Update');
    } finally {
      await app.services.settings.update({ timezone: 'UTC' });
    }
  });

  it('labels the main button Schedule when the typed date is in the future', async () => {
    const { csrf } = await openForm(app, '/admin/posts/new', editorJar);
    const response = await postForm(app, '/admin/posts/new', editorFields(csrf, { title: '', published_at: '2027-01-01T00:00', action: 'publish' }), editorJar);
    expect(response.statusCode).toBe(400);
    expect(parseHtml(response.body)('button[data-publish-button]').text()).toBe('Schedule');
  });

  it('creates a page from /admin/pages/new', async () => {
    const response = await submitNew(editorJar, { title: 'About us', action: 'publish' }, '/admin/pages/new');
    expect(response.statusCode).toBe(303);
    const id = Number(/posts\/(\d+)\/edit/.exec(String(response.headers.location))?.[1]);
    expect(await app.services.posts.findById(id)).toMatchObject({ type: 'page', title: 'About us', status: 'published' });
  });

  it('updates a stored post and leaves a revision', async () => {
    const post = await buildPost(app, { author: editor, title: 'Before' });
    const { csrf, $ } = await openForm(app, `/admin/posts/${post.id}/edit`, editorJar);
    expect($('h1').text()).toBe('Edit Post');
    const response = await postForm(app, `/admin/posts/${post.id}/edit`, editorFields(csrf, { title: 'After', slug: post.slug, content: post.source, published_at: String($('#published_at').val()), action: 'update' }), editorJar);
    expect(response.statusCode).toBe(303);
    expect(await app.services.posts.findById(post.id)).toMatchObject({ title: 'After', status: 'published', publishedAt: post.publishedAt });
    const revisions = await app.services.revisions.list((await app.services.posts.findById(post.id))!, editor);
    expect(revisions.map((r) => r.title)).toContain('After');
  });
});

describe('visibility, status changes and authorship', () => {
  it('publishes privately, switches a published post back to draft, and files a post under another author', async () => {
    const writer = await createStaff(app, 'author', { displayName: 'Someone Else' });
    const response = await submitNew(editorJar, { title: 'Private note', visibility: 'private', action: 'publish', author: String(writer.id) });
    expect(response.statusCode).toBe(303);
    const post = await newestPost();
    expect(post).toMatchObject({ title: 'Private note', status: 'private', authorId: writer.id });
    const { $, csrf } = await openForm(app, `/admin/posts/${post!.id}/edit`, editorJar);
    expect($('.editor-status').text()).toBe('Status: Privately Published');
    expect($('#author option:selected').text()).toBe('Someone Else');
    expect($('button[name="action"][value="draft"]').text()).toBe('Switch to Draft');
    const back = await postForm(app, `/admin/posts/${post!.id}/edit`, editorFields(csrf, { title: 'Private note', slug: post!.slug, author: String(writer.id), published_at: String($('#published_at').val()), action: 'draft' }), editorJar);
    expect(back.statusCode).toBe(303);
    expect((await app.services.posts.findById(post!.id))?.status).toBe('draft');
  });
});

describe('refusals, shown next to the field with what was typed kept', () => {
  async function refused(changes: Readonly<Record<string, string>>) {
    const before = await app.services.posts.countByStatus('post');
    const response = await submitNew(editorJar, changes);
    expect(response.statusCode).toBe(400);
    expect(await app.services.posts.countByStatus('post')).toEqual(before);
    return parseHtml(response.body);
  }

  it('an empty title', async () => {
    const $ = await refused({ title: '   ', content: 'Kept text', tags: 'kept-tag' });
    expect($('.form-errors').text()).toContain('Title: A title is required.');
    expect($('#title').attr('aria-describedby')).toBe('title-error');
    expect($('#title-error').text()).toBe('A title is required.');
    expect($('#content').text()).toBe('Kept text');
    expect($('#tags').val()).toBe('kept-tag');
    expect(await app.services.taxonomy.findBySlug('post_tag', 'kept-tag')).toBeUndefined();
  });

  it('a slug another post has', async () => {
    const other = await buildPost(app, { title: 'Taken slug' });
    const $ = await refused({ title: 'Mine', slug: other.slug, action: 'publish' });
    expect($('#slug-error').text()).toBe(`The slug "${other.slug}" is already used; choose another.`);
    expect($('#slug').val()).toBe(other.slug);
  });

  it('dates that do not exist or are not dates, and Schedule without a date', async () => {
    for (const date of ['2026-02-31T10:00', 'tomorrow', '2026-06-01T25:00']) {
      const $ = await refused({ title: 'Dated', published_at: date, action: 'publish' });
      expect($('#published_at-error').text(), date).toBe('Enter a real date and time, like 2026-03-14 09:30.');
      expect($('#published_at').val()).toBe(date);
    }
    const $ = await refused({ title: 'Dated', published_at: '', action: 'schedule' });
    expect($('#published_at-error').text()).toBe('Choose the date and time to publish on.');
  });

  it('a body over the size limit, an unknown category, a featured image that is not an id, an unknown author', async () => {
    expect((await refused({ content: 'x'.repeat(1_000_001) }))('#content-error').text()).toContain('at most 1,000,000 characters');
    expect((await refused({ categories: '999999' }))('#categories-error').text()).toBe('Choose categories from the list.');
    expect((await refused({ featured_media: '<img src=x>' }))('#featured_media-error').text()).toContain('is the id');
    expect((await refused({ author: '999999' }))('#author-error').text()).toBe('Choose an author from the list.');
    expect((await refused({ action: 'explode' }))('.form-errors').text()).toContain('Choose Save Draft');
    expect((await refused({ tags: Array.from({ length: 101 }, (_, i) => `t${i}`).join(',') }))('#tags-error').text()).toBe('A post has at most 100 tags.');
    expect(await app.services.taxonomy.findBySlug('post_tag', 't0')).toBeUndefined();
  });

  it('a form sent without its CSRF token is refused (403) and nothing is stored', async () => {
    const before = await app.services.posts.countByStatus('post');
    const response = await postForm(app, '/admin/posts/new', { title: 'Forged', content: 'x', action: 'publish' }, editorJar);
    expect(response.statusCode).toBe(403);
    expect(await app.services.posts.countByStatus('post')).toEqual(before);
  });

  it('escapes hostile titles when the form is shown again', async () => {
    const $ = await refused({ title: '"><script>alert(1)</script>', slug: 'Not A Slug' });
    expect($('script:not([src])').length).toBe(0);
    expect($('#title').val()).toBe('"><script>alert(1)</script>');
    expect($('#slug-error').text()).toContain('lowercase letters');
  });
});

describe('the preview', () => {
  it('renders the Markdown with the writer\'s trust, hostile markup removed, with no JavaScript (Preview button)', async () => {
    const author = await createStaff(app, 'author');
    const jar = await signIn(app, author.email, STAFF_PASSWORD);
    const { csrf } = await openForm(app, '/admin/posts/new', jar);
    const hostile = '**bold** <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))';
    const response = await postForm(app, '/admin/posts/new', editorFields(csrf, { title: 'P', content: hostile, action: 'preview' }), jar);
    expect(response.statusCode).toBe(200);
    const $ = parseHtml(response.body);
    const pane = $('[data-preview-pane]');
    expect($('#editor-preview').attr('hidden')).toBeUndefined();
    expect(pane.find('strong').text()).toBe('bold');
    expect(pane.find('script').length).toBe(0);
    expect(pane.find('[onerror]').length).toBe(0);
    expect(pane.find('a[href^="javascript"]').length).toBe(0);
    expect($('#content').text()).toBe(hostile);
    expect((await app.services.posts.list({ type: 'post', statuses: ['draft'], search: 'bold', limit: 5, offset: 0 })).total).toBe(0);
  });

  it('answers the script at /admin/preview with the sanitized HTML as JSON', async () => {
    const { csrf } = await openForm(app, '/admin/posts/new', editorJar);
    const response = await app.server.inject({
      method: 'POST', url: '/admin/preview', headers: { cookie: editorJar.header(), accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, content: '*hi* <iframe src="https://evil.test"></iframe>' }).toString(),
    });
    expect(response.statusCode).toBe(200);
    const html = parseHtml(response.json<{ html: string }>().html);
    expect(html('em').text()).toBe('hi');
    const refused = await app.server.inject({
      method: 'POST', url: '/admin/preview', headers: { cookie: editorJar.header(), accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ content: 'x' }).toString(),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe('CSRF_TOKEN_INVALID');
  });
});

describe('roles', () => {
  it('a contributor is offered Submit for Review, not Publish, and a POST asking to publish is refused (403)', async () => {
    const contributor = await createStaff(app, 'contributor');
    const jar = await signIn(app, contributor.email, STAFF_PASSWORD);
    const { $ } = await openForm(app, '/admin/posts/new', jar);
    expect($('button[name="action"]').map((_, b) => $(b).text()).get()).toEqual(['Preview', 'Save Draft', 'Submit for Review']);
    expect($('#author').length).toBe(0);
    expect($('input[name="visibility"]').length).toBe(0);
    expect($('details.add-category').length, 'contributors cannot manage categories').toBe(0);
    for (const action of ['publish', 'schedule']) {
      const response = await submitNew(jar, { title: 'Sneaky', action, published_at: action === 'schedule' ? '2027-01-01T00:00' : '' });
      expect(response.statusCode, action).toBe(403);
    }
    const submitted = await submitNew(jar, { title: 'For review', action: 'pending' });
    expect(submitted.statusCode).toBe(303);
    expect(await newestPost()).toMatchObject({ title: 'For review', status: 'pending', authorId: contributor.id });
  });

  it('an author cannot open or save another author\'s post (403)', async () => {
    const author = await createStaff(app, 'author');
    const jar = await signIn(app, author.email, STAFF_PASSWORD);
    const other = await buildPost(app, { title: 'Not yours' });
    expect((await openForm(app, `/admin/posts/${other.id}/edit`, jar)).response.statusCode).toBe(403);
    const { csrf } = await openForm(app, '/admin/posts/new', jar);
    const response = await postForm(app, `/admin/posts/${other.id}/edit`, editorFields(csrf, { title: 'Mine now', action: 'update' }), jar);
    expect(response.statusCode).toBe(403);
    expect((await app.services.posts.findById(other.id))?.title).toBe('Not yours');
  });

  it('refuses to edit a trashed post until it is restored (409)', async () => {
    const trashed = await buildPost(app, { author: editor, status: 'trash', title: 'Binned' });
    const response = await openForm(app, `/admin/posts/${trashed.id}/edit`, editorJar);
    expect(response.response.statusCode).toBe(409);
    expect(response.$('main').text()).toContain('Please restore it and try again.');
    expect((await openForm(app, `/admin/posts/${trashed.id}/quick-edit`, editorJar)).response.statusCode).toBe(409);
  });

  it('an author cannot open the page editor (403), and a missing or malformed id is 404', async () => {
    const author = await createStaff(app, 'author');
    const jar = await signIn(app, author.email, STAFF_PASSWORD);
    expect((await openForm(app, '/admin/pages/new', jar)).response.statusCode).toBe(403);
    expect((await openForm(app, '/admin/posts/999999/edit', editorJar)).response.statusCode).toBe(404);
    expect((await openForm(app, '/admin/posts/abc/edit', editorJar)).response.statusCode).toBe(404);
  });
});

describe('categories and tags from the editor', () => {
  it('adds a category under a parent without a script, keeping the typed post and ticking the new box', async () => {
    const parent = await buildCategory(app, { name: 'Places' });
    const { csrf } = await openForm(app, '/admin/posts/new', editorJar);
    const response = await postForm(app, '/admin/posts/new', editorFields(csrf, {
      title: 'Typed title', action: 'add-category', new_category_name: 'Lisbon', new_category_parent: String(parent.id),
    }), editorJar);
    expect(response.statusCode).toBe(200);
    const $ = parseHtml(response.body);
    const lisbon = await app.services.taxonomy.findBySlug('category', 'lisbon');
    expect(lisbon?.parentId).toBe(parent.id);
    expect($(`input[name="categories"][value="${lisbon?.id}"]`).is(':checked')).toBe(true);
    expect($('#title').val()).toBe('Typed title');
    expect($('.admin-notice').text()).toBe('Category “Lisbon” added.');
  });

  it('answers the script with the new checkbox as JSON, and refuses bad names and parents by the field', async () => {
    const { csrf } = await openForm(app, '/admin/posts/new', editorJar);
    const send = (fields: Record<string, string>) => app.server.inject({
      method: 'POST', url: '/admin/posts/add-category', payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      headers: { cookie: editorJar.header(), accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    });
    const added = await send({ new_category_name: '<b>Ports</b>', new_category_parent: '' });
    expect(added.statusCode).toBe(200);
    const body = added.json<{ id: number; html: string }>();
    const checkbox = parseHtml(body.html);
    expect(checkbox(`input[value="${body.id}"]`).is(':checked')).toBe(true);
    expect(checkbox('b').length, 'the name is escaped').toBe(0);
    expect((await send({ new_category_name: '  ' })).json()).toMatchObject({ code: 'TERM_NAME_INVALID' });
    expect((await send({ new_category_name: 'Orphan', new_category_parent: 'abc' })).json()).toMatchObject({ code: 'TERM_PARENT_INVALID' });
    expect((await send({ new_category_name: 'x'.repeat(201) })).statusCode).toBe(400);
    const form = await postForm(app, '/admin/posts/new', editorFields(csrf, { action: 'add-category', new_category_name: '' }), editorJar);
    expect(form.statusCode).toBe(400);
    expect(parseHtml(form.body)('#new_category_name-error').text()).not.toBe('');
  });

  it('an author may not add categories (403), as WordPress (manage_categories)', async () => {
    const author = await createStaff(app, 'author');
    const jar = await signIn(app, author.email, STAFF_PASSWORD);
    const { csrf } = await openForm(app, '/admin/posts/new', jar);
    const response = await postForm(app, '/admin/posts/new', editorFields(csrf, { action: 'add-category', new_category_name: 'Sneaky' }), jar);
    expect(response.statusCode).toBe(403);
    expect(await app.services.taxonomy.findBySlug('category', 'sneaky')).toBeUndefined();
  });

  it('suggests existing tags for the typed word, those starting with it first', async () => {
    await app.services.taxonomy.ensureTags(['harbour', 'Old harbours', 'hills']);
    const response = await app.server.inject({ url: '/admin/tags/suggest?q=HARB', headers: { cookie: editorJar.header() } });
    expect(response.json()).toEqual(['harbour', 'Old harbours']);
    expect((await app.server.inject({ url: '/admin/tags/suggest?q=', headers: { cookie: editorJar.header() } })).json()).toEqual([]);
    expect((await app.server.inject({ url: `/admin/tags/suggest?q=${'%'.repeat(3)}`, headers: { cookie: editorJar.header() } })).json()).toEqual([]);
    expect((await app.server.inject({ url: '/admin/tags/suggest?q=har' })).statusCode).toBe(401);
  });

  it('shows the stored text in the preview pane for the lists\' Preview (?preview=1)', async () => {
    const draft = await buildPost(app, { author: editor, status: 'draft', source: 'Stored **words**' });
    const { $ } = await openForm(app, `/admin/posts/${draft.id}/edit?preview=1`, editorJar);
    expect($('[data-preview-pane] strong').text()).toBe('words');
    expect($('.editor-links a').first().text()).toBe('Preview post');
  });
});
