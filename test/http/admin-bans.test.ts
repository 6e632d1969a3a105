// /admin/comments/bans and the moderation list's Ban: adding, lifting and the history; a banned commenter's next
// comment refused; CSRF, bad values (typed values kept) and who may use it. Stand-in: time (a clock the test holds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { mutableClock } from '../support/clock.js';
import { buildPost } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { textsOf } from '../support/pages.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

const NOW = '2027-03-01T09:00:00.000Z';
const BANS = '/admin/comments/bans';

describe('banning commenters from the admin', () => {
  let app: TestApp;
  let editor: CookieJar;
  let csrf: string;
  let post: Post;
  let sequence = 0;

  /** A reader's comment through the real pipeline (every check on, the fill time off). */
  function comment(who: { email?: string; ip?: string } = {}) {
    const n = ++sequence;
    return app.services.comments.submit(
      {
        postId: post.id, parentId: null, authorName: `Reader ${n}`, authorEmail: who.email ?? `reader${n}@example.test`, authorUrl: '',
        source: `Thoughts number ${n} on sharpening chisels.`, subscribe: 'none', subscribePosts: false, honeypot: '', formServedAt: undefined,
      },
      { ip: who.ip ?? `198.51.100.${n}`, userAgent: 'test' },
    );
  }

  const banCount = async () =>
    Number((await app.db.kysely.selectFrom('commentBans').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);
  const addBan = (fields: Record<string, string>, jar = editor) => postForm(app, BANS, { _csrf: csrf, ...fields }, jar);
  const bansPage = async () => parseHtml((await get(app, BANS, editor)).body);

  beforeAll(async () => {
    app = await createTestApp({ clock: mutableClock(NOW) });
    await app.services.settings.update({ commentMinFillSeconds: 0, commentFloodSeconds: 0, commentNotifyAuthor: false, commentNotifyModeration: false });
    post = await buildPost(app, { title: 'Sharpening chisels' });
    await createStaff(app, 'editor', { email: 'ed@example.test', displayName: 'Edith Editor' });
    editor = await signIn(app, 'ed@example.test', STAFF_PASSWORD);
    ({ csrf } = await openForm(app, BANS, editor));
  });
  afterAll(() => app.close());

  it('adds a ban for 7 days: listed in force and in the history with who, why, when and until when', async () => {
    const response = await addBan({ kind: 'email', value: 'Troll@Example.test', reason: 'Insults other readers', duration: '7' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${BANS}?done=added`);

    const $ = parseHtml((await get(app, `${BANS}?done=added`, editor)).body);
    expect($('.admin-notice').text()).toBe('Ban added.');
    const row = $('table[aria-labelledby="active-bans"] tr.ban').filter((_, el) => $(el).find('.ban-value').text() === 'troll@example.test');
    expect(row.length).toBe(1);
    expect(row.find('.ban-kind').text()).toBe('E-mail address');
    expect(row.find('.ban-reason').text()).toBe('Insults other readers');
    expect(row.find('.ban-by').text()).toBe('Edith Editor');
    expect(row.find('td time').first().attr('datetime')).toBe(NOW);
    expect(row.find('.ban-until time').attr('datetime')).toBe('2027-03-08T09:00:00.000Z');
    expect(row.find('.ban-state').text()).toBe('In force');
    expect(row.find('form button').text()).toMatch(/^Lift/);
    expect($('table[aria-labelledby="ban-history"] .ban-value').map((_, el) => $(el).text()).get()).toContain('troll@example.test');

    await expect(comment({ email: 'troll@example.test' })).rejects.toMatchObject({ code: 'COMMENT_AUTHOR_BANNED' });
  });

  it('bans an IP range for ever, and a comment from inside it is refused while one from outside is not', async () => {
    expect((await addBan({ kind: 'ip', value: '203.0.113.0/24', reason: 'Spam run', duration: 'forever' })).statusCode).toBe(303);
    const $ = await bansPage();
    const row = $('table[aria-labelledby="active-bans"] tr.ban').filter((_, el) => $(el).find('.ban-value').text() === '203.0.113.0/24');
    expect(row.find('.ban-until').text()).toBe('For ever');
    await expect(comment({ ip: '203.0.113.77' })).rejects.toMatchObject({ code: 'COMMENT_AUTHOR_BANNED' });
    await expect(comment({ ip: '203.0.114.1' })).resolves.toMatchObject({ id: expect.any(Number) });
  });

  it('lifts a ban: gone from the bans in force, kept in the history with who lifted it, and the commenter may comment again', async () => {
    await addBan({ kind: 'email', value: 'repentant@example.test', reason: 'Heated thread', duration: '30' });
    await expect(comment({ email: 'repentant@example.test' })).rejects.toMatchObject({ code: 'COMMENT_AUTHOR_BANNED' });
    const id = (await app.services.comments.activeBans()).find((b) => b.value === 'repentant@example.test')?.id;

    const response = await postForm(app, `${BANS}/${id}/lift`, { _csrf: csrf }, editor);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${BANS}?done=lifted`);

    const $ = await bansPage();
    expect(textsOf($, 'table[aria-labelledby="active-bans"] .ban-value')).not.toContain('repentant@example.test');
    const history = $(`#history-ban-${id}`);
    expect(history.find('.ban-state').text()).toMatch(/^Lifted/);
    expect(history.find('.ban-lifted').text()).toMatch(/^Lifted by Edith Editor on /);
    await expect(comment({ email: 'repentant@example.test' })).resolves.toMatchObject({ id: expect.any(Number) });

    // Lifting again: there is no such ban in force any more.
    expect((await postForm(app, `${BANS}/${id}/lift`, { _csrf: csrf }, editor)).statusCode).toBe(404);
  });

  it('bans the author of a listed comment by e-mail and IP hash, marks it spam, and refuses their next comment', async () => {
    const listed = await comment({ email: 'spammer@example.test', ip: '192.0.2.50' });
    await app.services.comments.setStatus(listed.id, 'approved');
    const countBefore = (await app.services.posts.findById(post.id))?.commentCount ?? 0;
    const { $, csrf: listCsrf } = await openForm(app, '/admin/comments?status=approved', editor);
    const form = $(`#comment-${listed.id} details.moderation-ban form`);
    expect(form.attr('action')).toBe(`/admin/comments/${listed.id}/ban`);
    expect(form.find('select[name="duration"] option').map((_, el) => $(el).attr('value')).get()).toEqual(['1', '7', '30', 'forever']);

    const response = await postForm(app, `/admin/comments/${listed.id}/ban`, {
      _csrf: listCsrf, reason: 'Link farm', duration: '30', view: 'approved', paged: '1',
    }, editor);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/comments?status=approved&done=ban');

    const stored = await app.db.kysely.selectFrom('comments').select(['status', 'ipHash']).where('id', '=', listed.id).executeTakeFirstOrThrow();
    expect(stored.status).toBe('spam');
    expect((await app.services.posts.findById(post.id))?.commentCount).toBe(countBefore - 1);
    const bans = (await app.services.comments.activeBans()).filter((b) => b.reason === 'Link farm');
    expect(bans.map((b) => [b.kind, b.value]).sort()).toEqual([['email', 'spammer@example.test'], ['ip_hash', stored.ipHash]].sort());
    expect(bans.every((b) => b.expiresAt === '2027-03-31T09:00:00.000Z')).toBe(true);

    // Their next comment is refused whether they keep the address or the connection.
    await expect(comment({ email: 'spammer@example.test', ip: '192.0.2.99' })).rejects.toMatchObject({ code: 'COMMENT_AUTHOR_BANNED' });
    await expect(comment({ email: 'new-name@example.test', ip: '192.0.2.50' })).rejects.toMatchObject({ code: 'COMMENT_AUTHOR_BANNED' });
    // Through the site's comment form too: 403 with the reason.
    const refused = await app.server.inject({
      method: 'POST', url: '/comments', remoteAddress: '192.0.2.50',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      payload: new URLSearchParams({ comment_post_ID: String(post.id), author: 'S', email: 'another@example.test', comment: 'Again, with feeling.' }).toString(),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'COMMENT_AUTHOR_BANNED' });
    expect(parseHtml((await get(app, '/admin/comments?status=spam&done=ban', editor)).body)('.admin-notice').text())
      .toBe('The author is banned, and the comment was marked as spam.');
  });

  it('refuses every ban form without its CSRF token (403) and writes nothing', async () => {
    const listed = await comment();
    const before = await banCount();
    const id = (await app.services.comments.activeBans())[0]?.id;
    const forms: [string, Record<string, string>][] = [
      [BANS, { kind: 'email', value: 'csrf@example.test', reason: '', duration: '1' }],
      [`${BANS}/${id}/lift`, {}],
      [`/admin/comments/${listed.id}/ban`, { reason: 'x', duration: '1' }],
    ];
    for (const [url, fields] of forms) {
      const response = await postForm(app, url, fields, editor);
      expect(response.statusCode, url).toBe(403);
      expect(parseHtml(response.body)('main').text()).toContain('This form has expired or was sent from another site');
    }
    expect(await banCount()).toBe(before);
    expect((await app.services.comments.activeBans()).some((b) => b.id === id)).toBe(true);
    expect((await app.services.comments.find(listed.id))?.status).not.toBe('spam');
  });

  it('refuses bad values with 400, the message beside the field and every typed value kept, and writes nothing', async () => {
    const before = await banCount();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ kind: 'ip', value: '999.1.2.3/40', reason: 'Typo test', duration: '7' }, 'value', /IP address .* or a range/],
      [{ kind: 'email', value: 'no-at-sign', reason: 'Typo test', duration: 'forever' }, 'value', /e-mail address/],
      [{ kind: 'email', value: 'a@example.test', reason: 'Typo test', duration: '12' }, 'duration', /1 day, 7 days, 30 days or for ever/],
      [{ kind: 'user_agent', value: 'curl', reason: 'Typo test', duration: '1' }, 'kind', /e-mail address, IP address or range, or IP hash/],
      [{ kind: 'email', value: 'b@example.test', reason: 'x'.repeat(501), duration: '1' }, 'reason', /under 500 characters/],
    ];
    for (const [fields, field, message] of cases) {
      const response = await addBan(fields);
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      const $ = parseHtml(response.body);
      expect($('.form-errors[role="alert"]').text()).toMatch(message);
      expect($(`#field-${field}-error`).text()).toMatch(/\S/);
      expect($(`#field-${field}`).attr('aria-invalid')).toBe('true');
      expect($('#field-value').val()).toBe(fields.value);
      expect($('#field-reason').val()).toBe(fields.reason);
      if (fields.kind !== 'user_agent') expect($('#field-kind option[selected]').attr('value')).toBe(fields.kind);
      if (fields.duration !== '12') expect($('#field-duration option[selected]').attr('value')).toBe(fields.duration);
    }
    expect(await banCount()).toBe(before);
  });

  it('is for moderators only: an author gets 403, an anonymous visitor the sign-in page, and nothing is written', async () => {
    await createStaff(app, 'author', { email: 'au@example.test' });
    const author = await signIn(app, 'au@example.test', STAFF_PASSWORD);
    const { csrf: authorCsrf } = await openForm(app, '/admin/', author);
    const before = await banCount();
    expect((await get(app, BANS, author)).statusCode).toBe(403);
    expect((await postForm(app, BANS, { _csrf: authorCsrf, kind: 'email', value: 'x@example.test', reason: '', duration: '1' }, author)).statusCode).toBe(403);
    const anonymous = await get(app, BANS, new CookieJar());
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/^\/admin\/login/);
    expect(await banCount()).toBe(before);
    // The menu shows Bans to moderators only.
    expect(textsOf(parseHtml((await get(app, '/admin/', editor)).body), '.admin-nav a')).toContain('Bans');
    expect(textsOf(parseHtml((await get(app, '/admin/', author)).body), '.admin-nav a')).not.toContain('Bans');
  });
});
