// The Dashboard: At a Glance counts by what each role may open, recent comments with quick Approve and Spam buttons
// (POST + CSRF, back to the Dashboard), your recent drafts linking to the editor, and Quick Draft (errors kept in the box).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildComment, buildPage, buildPost } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { textsOf } from '../support/pages.js';
import { type CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

describe('the Dashboard', () => {
  let app: TestApp;
  let editor: User;
  let jar: CookieJar;

  beforeAll(async () => {
    app = await createTestApp();
    editor = await createStaff(app, 'editor', { email: 'desk@example.test' });
    jar = await signIn(app, 'desk@example.test', STAFF_PASSWORD);
  });
  afterAll(() => app.close());

  const draftsOf = async (user: User) =>
    (await app.services.posts.list({ type: 'post', statuses: ['draft'], authorIds: [user.id], limit: 100, offset: 0 })).items;

  it('counts posts by status, pages and comments At a Glance, each linking to its list', async () => {
    const post = await buildPost(app, { author: editor });
    await buildPost(app, { author: editor, status: 'draft', title: 'Half-written' });
    await buildPage(app, { author: editor });
    await buildComment(app, post, { status: 'pending' });
    await buildComment(app, post, { status: 'approved' });
    const $ = parseHtml((await get(app, '/admin/', jar)).body);
    const glance = textsOf($, '.dashboard-glance a');
    const counts = await app.services.posts.countByStatus('post');
    expect(glance).toContain(`${counts.get('published')} ${counts.get('published') === 1 ? 'Post' : 'Posts'} published`);
    expect(glance).toContain('1 Draft');
    expect(glance).toContain('1 Page');
    expect(glance).toContain('1 Comment in moderation');
    expect(glance).toContain('1 Comment approved');
    expect($('.dashboard-glance a').filter((_, a) => $(a).text() === '1 Comment in moderation').attr('href')).toBe('/admin/comments');
  });

  it('shows a subscriber no counts or boxes they cannot use', async () => {
    const reader = await createStaff(app, 'subscriber');
    const theirs = await signIn(app, reader.email, STAFF_PASSWORD);
    const $ = parseHtml((await get(app, '/admin/', theirs)).body);
    expect(textsOf($, '.dashboard-glance a')).toEqual(['View the site']);
    expect($('#quick-draft').length).toBe(0);
    expect($('#activity-heading').length).toBe(0);
  });

  it('lists recent comments with quick Approve and Spam buttons that come back to the Dashboard', async () => {
    const post = await buildPost(app, { title: 'Oiling a bench' });
    const id = await buildComment(app, post, { status: 'pending', authorName: 'Quick Reader' });
    const { $, csrf } = await openForm(app, '/admin/', jar);
    const item = $(`#dashboard-comment-${id}`);
    expect(item.text()).toContain('Quick Reader');
    const actions = item.find('form').map((_, f) => $(f).attr('action')).get();
    expect(actions).toEqual([`/admin/comments/${id}/approve`, `/admin/comments/${id}/spam`]);
    const response = await postForm(app, `/admin/comments/${id}/approve`, { _csrf: csrf, return: 'dashboard' }, jar);
    expect(response.headers.location).toBe('/admin/?done=approve');
    expect((await app.services.comments.find(id))?.status).toBe('approved');
    expect(parseHtml((await get(app, '/admin/?done=approve', jar)).body)('.admin-notice').text()).toBe('Comment approved.');
  });

  it('lists your own recent drafts, linking to the editor', async () => {
    const draft = await buildPost(app, { author: editor, status: 'draft', title: 'Dovetail notes' });
    const someoneElse = await buildPost(app, { status: 'draft', title: 'Not mine' });
    const $ = parseHtml((await get(app, '/admin/', jar)).body);
    expect($(`.dashboard-drafts a[href="/admin/posts/${draft.id}/edit"]`).text()).toBe('Dovetail notes');
    expect($(`.dashboard-drafts a[href="/admin/posts/${someoneElse.id}/edit"]`).length).toBe(0);
  });

  it('saves a Quick Draft as a draft by the signed-in person', async () => {
    const { csrf } = await openForm(app, '/admin/', jar);
    const response = await postForm(app, '/admin/quick-draft', { _csrf: csrf, title: 'An idea', content: 'About *marking gauges*.' }, jar);
    expect(response.statusCode).toBe(303);
    const saved = (await draftsOf(editor)).find((d) => d.title === 'An idea');
    expect(saved).toMatchObject({ status: 'draft', authorId: editor.id });
    expect(saved?.contentHtml).toContain('<em>marking gauges</em>');
  });

  it.each([
    ['no title', { title: '', content: 'Text' }, 'title', 400],
    ['an oversized title', { title: 'x'.repeat(501), content: '' }, 'title', 400],
  ])('keeps a Quick Draft with %s in the box with the error, and saves nothing', async (_name, fields, field, status) => {
    const before = (await draftsOf(editor)).length;
    const { csrf } = await openForm(app, '/admin/', jar);
    const response = await postForm(app, '/admin/quick-draft', { _csrf: csrf, ...fields }, jar);
    expect(response.statusCode).toBe(status);
    const $ = parseHtml(response.body);
    expect($(`#quick-draft #field-${field}-error`).text()).not.toBe('');
    expect($('#quick-draft #field-content').text()).toBe(fields.content);
    expect((await draftsOf(editor)).length).toBe(before);
  });

  it('refuses a Quick Draft without the CSRF token (403), or from a subscriber (403), and saves nothing', async () => {
    const before = (await draftsOf(editor)).length;
    expect((await postForm(app, '/admin/quick-draft', { title: 'No token' }, jar)).statusCode).toBe(403);
    const reader = await createStaff(app, 'subscriber');
    const theirs = await signIn(app, reader.email, STAFF_PASSWORD);
    const { csrf } = await openForm(app, '/admin/', theirs);
    expect((await postForm(app, '/admin/quick-draft', { _csrf: csrf, title: 'Mine' }, theirs)).statusCode).toBe(403);
    expect((await draftsOf(editor)).length).toBe(before);
    expect(await draftsOf(reader)).toEqual([]);
  });
});
