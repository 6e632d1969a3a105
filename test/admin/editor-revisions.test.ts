// What the editor keeps besides the post: autosaves (and the draft a new post's first autosave makes), revisions
// with their diff and Restore, and the edit lock ("X is currently editing this post").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { mutableClock } from '../support/clock.js';
import { buildPost } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { type CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

const clock = mutableClock('2026-06-01T10:00:00Z');
let app: TestApp;
let editor: User;
let author: User;
let editorJar: CookieJar;
let authorJar: CookieJar;

beforeAll(async () => {
  app = await createTestApp({ clock });
  [editor, author] = await Promise.all([createStaff(app, 'editor', { displayName: 'Eddie Editor' }), createStaff(app, 'author', { displayName: 'Ann Author' })]);
  editorJar = await signIn(app, editor.email, STAFF_PASSWORD);
  authorJar = await signIn(app, author.email, STAFF_PASSWORD);
});
afterAll(() => app.close());

/** A POST as the editor's script sends it: a form body, JSON asked for. */
async function scriptPost(url: string, jar: CookieJar, fields: Record<string, string>) {
  const response = await app.server.inject({
    method: 'POST', url, payload: new URLSearchParams(fields).toString(),
    headers: { cookie: jar.header(), accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { status: response.statusCode, json: response.json<Record<string, unknown>>() };
}

describe('autosave', () => {
  it('makes a new post a draft on its first autosave, then keeps later text as the author\'s autosave', async () => {
    const { csrf } = await openForm(app, '/admin/posts/new', authorJar);
    const first = await scriptPost('/admin/posts/new/autosave', authorJar, { _csrf: csrf, title: 'Auto', content: 'one', excerpt: '' });
    expect(first.status).toBe(200);
    const id = Number(first.json.id);
    expect(first.json).toMatchObject({ editUrl: `/admin/posts/${id}/edit`, autosaveUrl: `/admin/posts/${id}/autosave`, lockUrl: `/admin/posts/${id}/lock` });
    expect(await app.services.posts.findById(id)).toMatchObject({ title: 'Auto', source: 'one', status: 'draft', authorId: author.id });
    clock.advance(60_000);
    const later = await scriptPost(`/admin/posts/${id}/autosave`, authorJar, { _csrf: csrf, title: 'Auto', content: 'one two', excerpt: '' });
    expect(later.status).toBe(200);
    expect((await app.services.posts.findById(id))?.source).toBe('one');
    const { $ } = await openForm(app, `/admin/posts/${id}/edit`, authorJar);
    expect($('.editor-autosave-notice').text()).toContain('There is an autosave of this post that is more recent than the version below.');
    const view = $('.editor-autosave-notice a');
    expect(view.text()).toBe('View the autosave');
    const revisions = await openForm(app, String(view.attr('href')), authorJar);
    expect(revisions.$('.revision-field ins').text()).toContain('two');
    const restore = revisions.$('form[action$="/restore"]');
    expect(restore.find('button').text()).toBe('Restore This Autosave');
    const restored = await postForm(app, String(restore.attr('action')), { _csrf: revisions.csrf }, authorJar);
    expect(restored.statusCode).toBe(303);
    expect((await app.services.posts.findById(id))?.source).toBe('one two');
    expect((await openForm(app, `/admin/posts/${id}/edit`, authorJar)).$('.editor-autosave-notice').length).toBe(0);
  });

  it('accepts the beacon sent on leaving (a form body, no Accept header) and refuses a forged or oversized one', async () => {
    const post = await buildPost(app, { author, status: 'draft', title: 'Leaving' });
    const { csrf } = await openForm(app, `/admin/posts/${post.id}/edit`, authorJar);
    const beacon = await postForm(app, `/admin/posts/${post.id}/autosave`, { _csrf: csrf, title: 'Leaving', content: 'last words', excerpt: '' }, authorJar);
    expect(beacon.statusCode).toBe(200);
    expect((await app.services.revisions.newerAutosave((await app.services.posts.findById(post.id))!, author))?.source).toBe('last words');
    expect((await scriptPost(`/admin/posts/${post.id}/autosave`, authorJar, { title: 'x', content: 'forged' })).status).toBe(403);
    const tooLong = await scriptPost(`/admin/posts/${post.id}/autosave`, authorJar, { _csrf: csrf, title: 'x'.repeat(501), content: '' });
    expect(tooLong).toMatchObject({ status: 400, json: { code: 'POST_INVALID' } });
    const noTitle = await scriptPost('/admin/posts/new/autosave', authorJar, { _csrf: csrf, title: '', content: 'x' });
    expect(noTitle).toMatchObject({ status: 400, json: { code: 'POST_INVALID' } });
  });

  it('takes a JSON body as well, and refuses one whose fields are not text', async () => {
    const post = await buildPost(app, { author, status: 'draft', title: 'Json' });
    const { csrf } = await openForm(app, `/admin/posts/${post.id}/edit`, authorJar);
    const send = (payload: unknown) => app.server.inject({
      method: 'POST', url: `/admin/posts/${post.id}/autosave`, payload: JSON.stringify(payload),
      headers: { cookie: authorJar.header(), accept: 'application/json', 'content-type': 'application/json' },
    });
    expect((await send({ _csrf: csrf, title: 'Json', content: 'from json', excerpt: '' })).statusCode).toBe(200);
    expect((await app.services.revisions.newerAutosave(post, author))?.source).toBe('from json');
    expect((await send({ _csrf: [csrf], title: { $gt: '' } })).statusCode).toBe(403);
    expect((await app.server.inject({
      method: 'POST', url: `/admin/posts/${post.id}/autosave`, payload: '{"_csrf":', headers: { cookie: authorJar.header(), accept: 'application/json', 'content-type': 'application/json' },
    })).statusCode).toBe(400);
  });

  it('refuses to autosave another author\'s post (403)', async () => {
    const post = await buildPost(app, { author: editor, title: 'Editor only' });
    const { csrf } = await openForm(app, '/admin/posts/new', authorJar);
    expect((await scriptPost(`/admin/posts/${post.id}/autosave`, authorJar, { _csrf: csrf, title: 'x', content: 'y' })).status).toBe(403);
  });
});

describe('revisions', () => {
  it('lists each save with who and when, shows the words changed between any two, and restores one as a new revision', async () => {
    const { csrf } = await openForm(app, '/admin/posts/new', editorJar);
    const fields = { _csrf: csrf, slug: '', excerpt: '', tags: '', featured_media: '', published_at: '', visibility: 'public', comment_status: 'open' };
    const created = await postForm(app, '/admin/posts/new', { ...fields, title: 'Poem', content: 'roses are red', action: 'draft' }, editorJar);
    const edit = String(created.headers.location).split('?')[0] ?? '';
    clock.advance(60_000);
    await postForm(app, edit, { ...fields, title: 'Poem', content: 'roses are <b>blue</b>', action: 'draft' }, editorJar);
    const id = Number(edit.split('/')[3]);
    const { $ } = await openForm(app, `/admin/posts/${id}/revisions`, editorJar);
    expect($('h1').text()).toBe('Compare Revisions of “Poem”');
    expect($('.revision-list li')).toHaveLength(2);
    expect($('.revision-list li').first().text()).toContain('Revision by Eddie Editor');
    expect($('.revision-field').eq(1).find('del').text()).toBe('roses are red');
    expect($('.revision-field').eq(1).find('ins').text()).toBe('roses are <b>blue</b>');
    expect($('.revision-field ins b').length, 'the diff is escaped').toBe(0);
    expect($('form[action$="/restore"]').length, 'the newest is the current text').toBe(0);
    const oldest = String($('#compare-from option').last().val());
    const chosen = await openForm(app, `/admin/posts/${id}/revisions?revision=${oldest}`, editorJar);
    const restore = chosen.$('form[action$="/restore"]');
    expect(restore.find('button').text()).toBe('Restore This Revision');
    expect((await postForm(app, String(restore.attr('action')), {}, editorJar)).statusCode).toBe(403);
    const restored = await postForm(app, String(restore.attr('action')), { _csrf: chosen.csrf }, editorJar);
    expect(restored.statusCode).toBe(303);
    expect((await app.services.posts.findById(id))?.source).toBe('roses are red');
    const after = await openForm(app, String(restored.headers.location), editorJar);
    expect(after.$('.admin-notice').text()).toBe('Revision restored.');
    expect(after.$('.revision-list li')).toHaveLength(3);
  });

  it('answers 404 for a revision the post does not have, and 403 to an author for another\'s post', async () => {
    const post = await buildPost(app, { author: editor });
    const other = await buildPost(app, { author: editor });
    await app.services.posts.update(other.id, { title: 'Other v2' }, editor, async () => editor);
    const [revision] = await app.services.revisions.list((await app.services.posts.findById(other.id))!, editor);
    expect((await get(app, `/admin/posts/${post.id}/revisions?revision=${revision?.id}`, editorJar)).statusCode).toBe(404);
    expect((await get(app, `/admin/posts/${post.id}/revisions?revision=abc`, editorJar)).statusCode).toBe(200);
    expect((await get(app, `/admin/posts/${post.id}/revisions`, authorJar)).statusCode).toBe(403);
  });
});

describe('the edit lock', () => {
  it('shows a second person "X is currently editing" with Go back and Take over; taking over hands the lock on', async () => {
    const post = await buildPost(app, { author, status: 'draft', title: 'Contested' });
    expect((await get(app, `/admin/posts/${post.id}/edit`, authorJar)).statusCode).toBe(200);
    const { $, csrf } = await openForm(app, `/admin/posts/${post.id}/edit`, editorJar);
    expect($('[role="alert"]').text()).toBe('Ann Author is currently editing this post. Do you want to take over?');
    expect($('a:contains("Go back")').attr('href')).toBe('/admin/posts');
    expect($('#content').length, 'no editor behind the notice').toBe(0);
    const takeOver = await postForm(app, String($('form.edit-lock-actions').attr('action')), { _csrf: csrf, take_over: '1' }, editorJar);
    expect(takeOver.statusCode).toBe(303);
    expect(takeOver.headers.location).toBe(`/admin/posts/${post.id}/edit`);
    expect(parseHtml((await get(app, `/admin/posts/${post.id}/edit`, editorJar)).body)('#content').length).toBe(1);
    const { csrf: authorCsrf } = await openForm(app, '/admin/posts/new', authorJar);
    const renewal = await scriptPost(`/admin/posts/${post.id}/lock`, authorJar, { _csrf: authorCsrf });
    expect(renewal).toMatchObject({ status: 409, json: { code: 'POST_LOCKED' } });
    expect(String(renewal.json.message)).toContain('Eddie Editor has taken over');
  });

  it('lapses after 150 seconds without renewal, and renewing keeps it', async () => {
    const post = await buildPost(app, { author, status: 'draft', title: 'Lapsing' });
    const { csrf } = await openForm(app, `/admin/posts/${post.id}/edit`, authorJar);
    clock.advance(100_000);
    expect((await scriptPost(`/admin/posts/${post.id}/lock`, authorJar, { _csrf: csrf })).status).toBe(200);
    clock.advance(100_000);
    expect(parseHtml((await get(app, `/admin/posts/${post.id}/edit`, editorJar)).body)('.edit-lock').length).toBe(1);
    clock.advance(151_000);
    expect(parseHtml((await get(app, `/admin/posts/${post.id}/edit`, editorJar)).body)('#content').length).toBe(1);
  });

  it('is given up when its holder leaves the editor (release=1, the script\'s beacon on pagehide)', async () => {
    const post = await buildPost(app, { author, status: 'draft', title: 'Released' });
    const { csrf } = await openForm(app, `/admin/posts/${post.id}/edit`, authorJar);
    expect(await app.services.revisions.lockHolder(post.id, editor)).toMatchObject({ userId: author.id });
    expect((await postForm(app, `/admin/posts/${post.id}/lock`, { _csrf: csrf, release: '1' }, authorJar)).statusCode).toBe(200);
    expect(await app.services.revisions.lockHolder(post.id, editor)).toBeUndefined();
  });

  it('lets no one take over a post they may not edit (403)', async () => {
    const post = await buildPost(app, { author: editor, title: 'Mine' });
    const { csrf } = await openForm(app, '/admin/posts/new', authorJar);
    expect((await postForm(app, `/admin/posts/${post.id}/lock`, { _csrf: csrf, take_over: '1' }, authorJar)).statusCode).toBe(403);
  });
});
