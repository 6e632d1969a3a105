// Comment moderation at /admin/comments: the lists by status, each action's effect on the public page and the post's count.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommentStatus } from '../../src/features/comments/index.js';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { expectThemedErrorPage, textsOf } from '../support/pages.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

describe('comment moderation', () => {
  let app: TestApp;
  let editor: CookieJar;
  let post: Post;
  let csrf: string;
  let sequence = 0;

  const anonymous = (url: string) => app.server.inject({ method: 'GET', url });
  const statusOf = async (id: number) =>
    (await app.db.kysely.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirst())?.status;
  const approvedCount = async () =>
    Number(
      (
        await app.db.kysely
          .selectFrom('comments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('postId', '=', post.id)
          .where('status', '=', 'approved')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const commentCount = async () => (await app.services.posts.findById(post.id))?.commentCount;

  /** A comment with a recognisable text and `status` on the test post. */
  async function comment(status: CommentStatus): Promise<{ id: number; text: string }> {
    const text = `Moderated remark number ${++sequence} about dovetails`;
    const id = await buildComment(app, post, { status, authorName: `Reader ${sequence}`, authorEmail: `reader${sequence}@example.test`, source: text });
    return { id, text };
  }

  function act(id: number | string, action: string, extra: Record<string, string> = {}, jar = editor) {
    return postForm(app, `/admin/comments/${id}/${action}`, { _csrf: csrf, ...extra }, jar);
  }

  /** The public page of the post, as an anonymous reader gets it: its comment texts and cache status. */
  async function publicPage() {
    const response = await anonymous(permalinkOf(post));
    expect(response.statusCode).toBe(200);
    return { texts: textsOf(parseHtml(response.body), '.comment-content'), cache: response.headers['x-cache'] };
  }

  /** Fetches the public page until the cache serves it: a change must really purge it. */
  async function warmPublicPage() {
    await publicPage();
    expect((await publicPage()).cache).toBe('HIT');
  }

  beforeAll(async () => {
    app = await createTestApp();
    post = await buildPost(app, { title: 'Cutting dovetails by hand' });
    await createStaff(app, 'editor', { email: 'ed@example.test' });
    editor = await signIn(app, 'ed@example.test', STAFF_PASSWORD);
    ({ csrf } = await openForm(app, '/admin/comments', editor));
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    expect(await commentCount()).toBe(await approvedCount());
  });

  it('lists pending comments by default, with author, e-mail, post link, date, excerpt and buttons', async () => {
    const { id, text } = await comment('pending');
    const response = await get(app, '/admin/comments', editor);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-robots-tag']).toBe('noindex');
    const $ = parseHtml(response.body);
    expect($('h1').text()).toBe('Comments');
    expect($('.moderation-tabs a[aria-current="page"]').text()).toMatch(/^Pending \(\d+\)$/);
    expect(textsOf($, '.moderation-tabs a').map((t) => t.replace(/ \(\d+\)$/, ''))).toEqual(['Pending', 'Approved', 'Spam', 'Trash']);
    const item = $(`#comment-${id}`);
    expect(item.find('.moderation-author').text()).toBe(`Reader ${sequence}`);
    expect(item.find('.moderation-email').text()).toBe(`reader${sequence}@example.test`);
    expect(item.find('.moderation-post').attr('href')).toBe(`/?p=${post.id}`);
    expect(item.find('.moderation-post').text()).toBe('Cutting dovetails by hand');
    expect(item.find('time').attr('datetime')).toBe(post.publishedAt);
    expect(item.find('.moderation-excerpt').text()).toBe(text);
    const actions = item.find('form[method="post"]').map((_, f) => $(f).attr('action')).get();
    expect(actions).toEqual(['approve', 'spam', 'trash', 'delete', 'ban', 'reply'].map((a) => `/admin/comments/${id}/${a}`));
    item.find('form').each((_, f) => {
      expect($(f).find('input[name="_csrf"]').val()).toBeTruthy();
    });
    expect((await anonymous(`/?p=${post.id}`)).headers.location).toBe(permalinkOf(post));
  });

  it('approve: the comment is on the public page right after the redirect, not a stale cached copy, and counted', async () => {
    const { id, text } = await comment('pending');
    await warmPublicPage();
    expect((await publicPage()).texts).not.toContain(text);
    const before = (await commentCount()) ?? 0;
    const response = await act(id, 'approve');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/comments?done=approve');
    expect(parseHtml((await get(app, String(response.headers.location), editor)).body)('.admin-notice').text()).toBe('Comment approved.');
    const after = await publicPage();
    expect(after.cache).not.toBe('HIT');
    expect(after.texts).toContain(text);
    expect(await commentCount()).toBe(before + 1);
    expect(await commentCount()).toBe(await approvedCount());
  });

  it('unapprove, spam, trash and approve again move an approved comment and keep the count right', async () => {
    const { id, text } = await comment('approved');
    const steps: [action: string, status: CommentStatus, shown: boolean][] = [
      ['unapprove', 'pending', false], ['approve', 'approved', true], ['spam', 'spam', false],
      ['approve', 'approved', true], ['trash', 'trash', false], ['unapprove', 'pending', false],
    ];
    for (const [action, status, shown] of steps) {
      await warmPublicPage();
      expect((await act(id, action)).statusCode, action).toBe(303);
      expect(await statusOf(id), action).toBe(status);
      expect((await publicPage()).texts.includes(text), `${action}: shown`).toBe(shown);
      expect(await commentCount(), action).toBe(await approvedCount());
    }
  });

  it('delete permanently removes the comment from every list and from the count', async () => {
    const { id, text } = await comment('approved');
    await warmPublicPage();
    const before = (await commentCount()) ?? 0;
    const response = await act(id, 'delete', { view: 'approved', paged: '1' });
    expect(response.headers.location).toBe('/admin/comments?status=approved&done=delete');
    expect(await statusOf(id)).toBeUndefined();
    expect((await publicPage()).texts).not.toContain(text);
    expect(await commentCount()).toBe(before - 1);
    for (const status of ['pending', 'approved', 'spam', 'trash']) {
      expect((await get(app, `/admin/comments?status=${status}`, editor)).body).not.toContain(text);
    }
  });

  it('shows each status in its tab with the right buttons, and goes back to that tab after an action', async () => {
    const { id } = await comment('spam');
    const $ = parseHtml((await get(app, '/admin/comments?status=spam', editor)).body);
    expect($('.moderation-tabs a[aria-current="page"]').text()).toMatch(/^Spam \(\d+\)$/);
    const labels = $(`#comment-${id} form button`).map((_, b) => $(b).contents().first().text()).get();
    expect(labels).toEqual(['Approve', 'Not spam', 'Trash', 'Delete permanently', 'Ban the author']);
    expect($(`#comment-${id} input[name="view"]`).first().val()).toBe('spam');
    const response = await act(id, 'trash', { view: 'spam', paged: '1' });
    expect(response.headers.location).toBe('/admin/comments?status=spam&done=trash');
    const counts = await app.services.comments.countsByStatus();
    const tabs = textsOf(parseHtml((await get(app, '/admin/comments?status=trash', editor)).body), '.moderation-tabs a');
    expect(tabs).toEqual([`Pending (${counts.pending})`, `Approved (${counts.approved})`, `Spam (${counts.spam})`, `Trash (${counts.trash})`]);
  });

  it('refuses an action without its CSRF token with 403, changing nothing', async () => {
    const { id } = await comment('pending');
    for (const fields of [{}, { _csrf: `${csrf.slice(0, -2)}xx` }] as Record<string, string>[]) {
      const response = await postForm(app, `/admin/comments/${id}/approve`, fields, editor);
      expect(response.statusCode).toBe(403);
    }
    const stranger = await postForm(app, `/admin/comments/${id}/delete`, { _csrf: csrf }, new CookieJar({ quire_session: editor.get('quire_session') ?? '' }));
    expect(stranger.statusCode).toBe(403); // the session cookie alone (no CSRF cookie): a forged cross-site post
    expect(await statusOf(id)).toBe('pending');
  });

  it.each([
    ['an id nobody has', '999999', 'approve'],
    ['an id past 32 bits', '99999999999', 'spam'],
    ['a non-numeric id', 'abc', 'approve'],
    ['a negative id', '-1', 'trash'],
    ['a zero id', '0', 'delete'],
    ['an unknown action', '1', 'explode'],
  ])('answers %s with the 404 page, never 500', async (_what, id, action) => {
    const response = await act(id, action);
    expect(response.statusCode).toBe(404);
    expectThemedErrorPage({ status: 404, headers: response.headers, body: response.body, $: parseHtml(response.body) }, 'Quire');
  });

  it.each(['?status=everything', '?paged=0', '?paged=abc', '?status=spam&status=trash'])('answers the list %s with 404', async (query) => {
    expect((await get(app, `/admin/comments${query}`, editor)).statusCode).toBe(404);
  });

  it('is refused to an author (no moderate_comments) with the 403 page, and sends anonymous readers to sign in', async () => {
    const { id } = await comment('pending');
    await createStaff(app, 'author', { email: 'au@example.test' });
    const author = await signIn(app, 'au@example.test', STAFF_PASSWORD);
    const page = await get(app, '/admin/comments', author);
    expect(page.statusCode).toBe(403);
    expect(parseHtml(page.body)('main h1').text()).toBe('Not allowed');
    const { csrf: authorCsrf } = await openForm(app, '/admin/', author);
    expect((await act(id, 'approve', { _csrf: authorCsrf }, author)).statusCode).toBe(403);
    expect(await statusOf(id)).toBe('pending');
    const response = await get(app, '/admin/comments');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/login?redirect_to=%2Fadmin%2Fcomments');
  });

  it('shows the pending count on the landing page and in the menu', async () => {
    const pending = (await app.services.comments.countsByStatus()).pending;
    const $ = parseHtml((await get(app, '/admin/', editor)).body);
    expect($('.dashboard-glance a[href="/admin/comments"]').text()).toBe(`${pending} ${pending === 1 ? 'Comment' : 'Comments'} in moderation`);
    expect($('.admin-nav a[href="/admin/comments"] .admin-count').text()).toBe(String(pending));
  });
});
