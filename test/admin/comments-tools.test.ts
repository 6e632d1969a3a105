// The Comments screen beyond one button: Reply (as the signed-in moderator, approved at once), Edit (author fields,
// text re-rendered and sanitized, status), bulk actions with a summary, search, the post filter, and the pending
// count in the menu of every staff screen. Bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentStatus } from '../../src/features/comments/index.js';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { textsOf } from '../support/pages.js';
import { type CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

describe('comment moderation tools', () => {
  let app: TestApp;
  let editor: CookieJar;
  let csrf: string;
  let post: Post;
  let sequence = 0;

  const row = async (id: number) => app.db.kysely.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
  const commentCount = async (p: Post) => (await app.services.posts.findById(p.id))?.commentCount;

  function comment(status: CommentStatus, on: Post = post, text?: string): Promise<number> {
    const n = ++sequence;
    return buildComment(app, on, { status, authorName: `Reader ${n}`, authorEmail: `reader${n}@example.test`, source: text ?? `Remark ${n} about chisels` });
  }

  function send(action: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams({ _csrf: csrf });
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    return app.server.inject({
      method: 'POST', url: action, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: editor.header() },
    });
  }

  beforeAll(async () => {
    app = await createTestApp();
    post = await buildPost(app, { title: 'Sharpening chisels' });
    await createStaff(app, 'editor', { email: 'mod@example.test', displayName: 'Mo Derator' });
    editor = await signIn(app, 'mod@example.test', STAFF_PASSWORD);
    ({ csrf } = await openForm(app, '/admin/comments', editor));
  });
  afterAll(() => app.close());

  it('posts a reply as the moderator, approved at once, approving the held comment it answers', async () => {
    const held = await comment('pending');
    const response = await send(`/admin/comments/${held}/reply`, { source: 'Thanks, **fixed** now.', view: 'pending', paged: '1', s: '', post: '' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/comments?done=replied');
    const reply = await app.db.kysely.selectFrom('comments').selectAll().where('parentId', '=', held).executeTakeFirstOrThrow();
    expect(reply).toMatchObject({ status: 'approved', authorName: 'Mo Derator', authorEmail: 'mod@example.test' });
    expect(reply.contentHtml).toContain('<strong>fixed</strong>');
    expect((await row(held))?.status).toBe('approved');
    const page = parseHtml((await app.server.inject({ method: 'GET', url: permalinkOf(post) })).body);
    expect(textsOf(page, '.comment-content').join(' ')).toContain('Thanks, fixed now.');
    expect(await commentCount(post)).toBe(2);
  });

  it('keeps a refused reply (empty, or to spam) in its open form with the error, and stores nothing', async () => {
    const held = await comment('pending');
    const empty = await send(`/admin/comments/${held}/reply`, { source: '   ', view: 'pending', paged: '1' });
    expect(empty.statusCode).toBe(400);
    const $ = parseHtml(empty.body);
    expect($(`#comment-${held} details.moderation-reply`).attr('open')).toBeDefined();
    expect($(`#reply-${held}-error`).text()).not.toBe('');
    expect($(`#reply-${held}`).attr('aria-describedby')).toBe(`reply-${held}-error`);
    const huge = await send(`/admin/comments/${held}/reply`, { source: 'x'.repeat(65_526) });
    expect(huge.statusCode).toBe(413);
    const spam = await comment('spam');
    expect((await send(`/admin/comments/${spam}/reply`, { source: 'Hello' })).statusCode).toBe(400);
    const replies = await app.db.kysely.selectFrom('comments').select('id').where('parentId', 'in', [held, spam]).execute();
    expect(replies).toEqual([]);
    expect((await send('/admin/comments/999999/reply', { source: 'Hello' })).statusCode).toBe(404);
  });

  it('edits a comment: author fields, text re-rendered and sanitized, and status (the post count follows)', async () => {
    const id = await comment('pending');
    const form = parseHtml((await get(app, `/admin/comments/${id}/edit`, editor)).body);
    expect(form('#field-source').text()).toMatch(/^Remark \d+ about chisels$/);
    expect(form('input[name="status"][value="pending"]').attr('checked')).toBeDefined();
    const before = await commentCount(post);
    const response = await send(`/admin/comments/${id}/edit`, {
      authorName: 'Renamed Reader', authorEmail: 'renamed@example.test', authorUrl: 'renamed.example',
      source: 'Edited <script>alert(1)</script> *text*', status: 'approved',
    });
    expect(response.statusCode).toBe(303);
    const edited = await row(id);
    expect(edited).toMatchObject({ authorName: 'Renamed Reader', authorEmail: 'renamed@example.test', authorUrl: 'http://renamed.example/', status: 'approved' });
    expect(edited?.contentHtml).toContain('<em>text</em>');
    expect(edited?.contentHtml).not.toContain('<script');
    expect(await commentCount(post)).toBe((before ?? 0) + 1);
  });

  it.each([
    ['an unknown status', { status: 'glorious' }, 'status', 400],
    ['a bad e-mail', { authorEmail: 'nope' }, 'authorEmail', 400],
    ['a javascript: website', { authorUrl: 'javascript:alert(1)' }, 'authorUrl', 400],
    ['empty text', { source: '' }, 'source', 400],
    ['oversized text', { source: 'x'.repeat(65_526) }, 'source', 413],
  ])('refuses an edit with %s beside the field, keeping what was typed, and changes nothing', async (_name, change, field, status) => {
    const id = await comment('pending');
    const before = await row(id);
    const response = await send(`/admin/comments/${id}/edit`, { authorName: 'Typed Name', authorEmail: 'a@example.test', authorUrl: '', source: 'Typed text', status: 'pending', ...change });
    expect(response.statusCode).toBe(status);
    const $ = parseHtml(response.body);
    expect($(`#field-${field}-error`).text()).not.toBe('');
    expect($('#field-authorName').val()).toBe('Typed Name');
    expect(await row(id)).toEqual(before);
  });

  it('applies a bulk action to the ticked comments and says how many changed', async () => {
    const ids = [await comment('pending'), await comment('pending'), await comment('pending')];
    const approvedBefore = await commentCount(post);
    const response = await send('/admin/comments/bulk', { action: 'approve', ids: ids.slice(0, 2).map(String), view: 'pending', paged: '1' });
    expect(response.headers.location).toBe('/admin/comments?done=approve&count=2');
    expect((await row(ids[0] ?? 0))?.status).toBe('approved');
    expect((await row(ids[2] ?? 0))?.status).toBe('pending');
    expect(await commentCount(post)).toBe((approvedBefore ?? 0) + 2);
    const $ = parseHtml((await get(app, response.headers.location as string, editor)).body);
    expect($('.admin-notice').text()).toBe('2 comments approved.');
  });

  it('moves comments through spam, not spam, trash, restore and deletion in bulk, each only from where it applies', async () => {
    const [a, b] = [await comment('pending'), await comment('approved')];
    const ids = [String(a), String(b)];
    await send('/admin/comments/bulk', { action: 'spam', ids });
    expect([(await row(a))?.status, (await row(b))?.status]).toEqual(['spam', 'spam']);
    await send('/admin/comments/bulk', { action: 'unspam', ids: [String(a)] });
    expect((await row(a))?.status).toBe('pending');
    // Restore acts on the trash only: a pending comment stays as it is.
    const restored = await send('/admin/comments/bulk', { action: 'restore', ids });
    expect(restored.headers.location).toContain('count=0');
    await send('/admin/comments/bulk', { action: 'trash', ids });
    await send('/admin/comments/bulk', { action: 'restore', ids: [String(b)] });
    expect((await row(b))?.status).toBe('pending');
    await send('/admin/comments/bulk', { action: 'delete', ids });
    expect([await row(a), await row(b)]).toEqual([undefined, undefined]);
  });

  it.each([
    ['no action', { ids: ['1'] }],
    ['an unknown action', { action: 'obliterate', ids: ['1'] }],
    ['no comment ticked', { action: 'approve' }],
    ['a hostile id', { action: 'approve', ids: ['1 or 1=1'] }],
    ['too many ids', { action: 'approve', ids: Array.from({ length: 201 }, (_, i) => String(i + 1)) }],
  ])('refuses a bulk action with %s (400) and changes nothing', async (_name, fields) => {
    const id = await comment('pending');
    const response = await send('/admin/comments/bulk', fields);
    expect(response.statusCode).toBe(400);
    const $ = parseHtml(response.body);
    expect($('.moderation [role="alert"]').text()).not.toBe('');
    expect($(`#comment-${id}`).length).toBe(1);
    expect((await row(id))?.status).toBe('pending');
  });

  it('refuses a bulk action without the CSRF token (403) and changes nothing', async () => {
    const id = await comment('pending');
    const response = await postForm(app, '/admin/comments/bulk', { action: 'approve', ids: String(id) }, editor);
    expect(response.statusCode).toBe(403);
    expect((await row(id))?.status).toBe('pending');
  });

  it('searches comments by author and text, and limits the list to one post', async () => {
    const other = await buildPost(app, { title: 'Planing end grain' });
    const here = await comment('pending', post, 'Mentions a spokeshave');
    const there = await comment('pending', other, 'Also a spokeshave');
    const found = parseHtml((await get(app, '/admin/comments?s=spokeshave', editor)).body);
    expect(found(`#comment-${here}`).length + found(`#comment-${there}`).length).toBe(2);
    const onOne = parseHtml((await get(app, `/admin/comments?s=spokeshave&post=${other.id}`, editor)).body);
    expect(onOne(`#comment-${here}`).length).toBe(0);
    expect(onOne(`#comment-${there}`).length).toBe(1);
    expect(onOne('.moderation-filter').text()).toContain('Planing end grain');
    const literal = parseHtml((await get(app, '/admin/comments?s=%25', editor)).body);
    expect(literal('.no-results').text()).toBe('No comments match.');
    expect((await get(app, '/admin/comments?post=abc', editor)).statusCode).toBe(404);
    expect((await get(app, `/admin/comments?s=${'x'.repeat(201)}`, editor)).statusCode).toBe(404);
  });

  it('shows the pending count beside Comments in the menu of every staff screen, for moderators only', async () => {
    const pending = (await app.services.comments.countsByStatus()).pending;
    for (const path of ['/admin/profile', '/admin/comments/bans', '/admin/']) {
      const $ = parseHtml((await get(app, path, editor)).body);
      expect($('.admin-nav a[href="/admin/comments"] .admin-count').text(), path).toBe(String(pending));
    }
    const author = await createStaff(app, 'author');
    const theirs = await signIn(app, author.email, STAFF_PASSWORD);
    expect(parseHtml((await get(app, '/admin/profile', theirs)).body)('.admin-count').length).toBe(0);
  });
});
