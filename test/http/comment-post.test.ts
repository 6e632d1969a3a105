// Posting a comment through the form without JavaScript (POST → 303 → #comment-ID), the JSON answers the script
// gets, the commenter's cookies, CSRF, and every refusal: the right status, the message, the typed text kept, no row.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PENDING_COMMENT_COOKIE } from '../../src/http/cookie-names.js';
import type { Post } from '../../src/features/posts/index.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { countComments, freshAddress, formValuesOf, openCommentForm, sendComment } from '../support/comment-form.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { CookieJar, createStaff, setCookieFor, signIn } from '../support/session.js';

const COMMENTER = { author: 'Ann Reader', email: 'ann.reader@example.com', url: 'https://ann.example/' };

describe('posting a comment without JavaScript', () => {
  let app: TestApp;
  let clock: MutableClock;
  let texts = 0;
  /** A comment text no other test used (the duplicate check would refuse a repeat). */
  const uniqueText = () => `A thoughtful remark, number ${++texts}.`;

  beforeAll(async () => {
    clock = mutableClock('2026-06-01T12:00:00.000Z');
    app = await createTestApp({ clock });
  });
  afterAll(async () => app.close());
  afterEach(async () => {
    await app.services.settings.update({ commentPreviouslyApproved: true, commentFloodSeconds: 15, commentIpLimitPerHour: 30 });
  });

  /** Opens the form in `jar`'s browser, then waits long enough for the minimum fill time. */
  async function openAndWait(path: string, jar?: CookieJar) {
    const form = await openCommentForm(app, path, jar);
    expect(form.response.statusCode).toBe(200);
    clock.advance(5_000);
    return form;
  }

  const latestCommentId = async () =>
    (await app.db.kysely.selectFrom('comments').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;

  it('redirects (303) to the new comment, which only its author sees, awaiting moderation, and no cache keeps', async () => {
    const post = await buildPost(app);
    const path = permalinkOf(post);
    // A personal cookie already: the form page itself is not kept, so later anonymous reads render afresh.
    const author = new CookieJar({ [PENDING_COMMENT_COOKIE]: 'junk' });
    const { hidden } = await openAndWait(path, author);
    const text = uniqueText();
    const response = await sendComment(app, { ...hidden, ...COMMENTER, comment: text, submit: '1' }, { jar: author, remoteAddress: freshAddress() });

    expect(response.statusCode).toBe(303);
    const id = await latestCommentId();
    expect(response.headers.location).toBe(`${path}#comment-${id}`);
    expect((await app.services.comments.find(id))?.status).toBe('pending');
    expect(setCookieFor(response, PENDING_COMMENT_COOKIE)).toMatch(/HttpOnly/i);
    expect(setCookieFor(response, PENDING_COMMENT_COOKIE)).toMatch(/SameSite=Lax/i);

    const own = await app.server.inject({ url: path, headers: { cookie: author.header() } });
    const $own = parseHtml(own.body);
    expect($own(`#comment-${id} .comment-content`).text().trim()).toBe(text);
    expect($own(`#comment-${id} .comment-awaiting-moderation`).text()).toBe('Your comment is awaiting moderation.');
    expect($own(`#comment-${id} .comment-reply-link`).length).toBe(0);
    expect(own.headers['x-cache']).toBe('BYPASS');
    expect(own.headers['cache-control']).toMatch(/private/);

    const stranger = await app.server.inject({ url: path });
    expect(stranger.headers['x-cache']).toBe('MISS');
    expect(parseHtml(stranger.body)(`#comment-${id}`).length).toBe(0);
    const again = await app.server.inject({ url: path });
    expect(again.headers['x-cache']).toBe('HIT');
    expect(parseHtml(again.body)(`#comment-${id}`).length).toBe(0);
  });

  it('shows an approved comment to everyone and sets no pending cookie', async () => {
    await app.services.settings.update({ commentPreviouslyApproved: false });
    const post = await buildPost(app);
    const { hidden } = await openAndWait(permalinkOf(post));
    const text = uniqueText();
    const response = await sendComment(app, { ...hidden, ...COMMENTER, email: 'approved@example.com', comment: text }, { remoteAddress: freshAddress() });
    expect(response.statusCode).toBe(303);
    const id = await latestCommentId();
    expect(setCookieFor(response, PENDING_COMMENT_COOKIE)).toBeUndefined();
    const $ = parseHtml((await app.server.inject(permalinkOf(post))).body);
    expect($(`#comment-${id} .comment-content`).text().trim()).toBe(text);
    expect($(`#comment-${id} .comment-awaiting-moderation`).length).toBe(0);
  });

  it('replies under their parent and keeps comment_parent', async () => {
    await app.services.settings.update({ commentPreviouslyApproved: false });
    const post = await buildPost(app);
    const parent = await buildComment(app, post, { authorName: 'Bea Parent' });
    const { hidden, $ } = await openAndWait(`${permalinkOf(post)}?replytocom=${parent}`);
    expect(hidden.comment_parent).toBe(String(parent));
    expect($('#reply-title').text()).toContain('Leave a Reply to Bea Parent');
    const response = await sendComment(app, { ...hidden, ...COMMENTER, email: 'replier@example.com', comment: uniqueText() }, { remoteAddress: freshAddress() });
    expect(response.statusCode).toBe(303);
    const id = await latestCommentId();
    const page = parseHtml((await app.server.inject(permalinkOf(post))).body);
    expect(page(`#comment-${parent} > ol.children > #comment-${id}`).length).toBe(1);
  });

  it('saves the commenter’s details in a cookie only when "Save my name…" is ticked, and forgets them when it is not', async () => {
    const post = await buildPost(app);
    const jar = new CookieJar();
    const first = await openAndWait(permalinkOf(post), jar);
    const unticked = await sendComment(app, { ...first.hidden, ...COMMENTER, comment: uniqueText() }, { jar, remoteAddress: freshAddress() });
    expect(unticked.statusCode).toBe(303);
    expect(setCookieFor(unticked, 'quire_commenter')).toBeUndefined();

    clock.advance(20_000);
    const second = await openAndWait(permalinkOf(post), jar);
    const ticked = await sendComment(app, { ...second.hidden, ...COMMENTER, comment: uniqueText(), remember: '1' }, { jar, remoteAddress: freshAddress() });
    expect(ticked.statusCode).toBe(303);
    const cookie = setCookieFor(ticked, 'quire_commenter') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=31536000/i);
    expect(cookie).not.toMatch(/Secure/i);

    const remembered = await openCommentForm(app, permalinkOf(post), jar);
    expect(formValuesOf(remembered.$)).toMatchObject({ author: COMMENTER.author, email: COMMENTER.email, url: COMMENTER.url });
    expect(remembered.$('#remember').is(':checked')).toBe(true);
    expect(remembered.response.headers['x-cache']).toBe('BYPASS');

    clock.advance(20_000);
    const forgotten = await sendComment(app, { ...remembered.hidden, ...COMMENTER, comment: uniqueText() }, { jar, remoteAddress: freshAddress() });
    expect(forgotten.statusCode).toBe(303);
    expect(setCookieFor(forgotten, 'quire_commenter')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(formValuesOf((await openCommentForm(app, permalinkOf(post), jar)).$).author).toBe('');
  });

  it('previews a comment (200) without storing anything, keeping what was typed', async () => {
    const post = await buildPost(app);
    const { hidden } = await openAndWait(permalinkOf(post));
    const before = await countComments(app);
    const response = await sendComment(app, { ...hidden, ...COMMENTER, comment: 'Some *emphasis* here.', preview: '1' }, { remoteAddress: freshAddress() });
    expect(response.statusCode).toBe(200);
    const $ = parseHtml(response.body);
    expect($('.comment-preview .comment-content em').text()).toBe('emphasis');
    expect(formValuesOf($)).toEqual({ ...COMMENTER, comment: 'Some *emphasis* here.' });
    expect(setCookieFor(response, 'quire_commenter')).toBeUndefined();
    expect(await countComments(app)).toBe(before);
  });

  describe('answers in JSON for the script', () => {
    const json = { accept: 'application/json' };

    it('201 with the id, status, rendered <li> and where the comment lives', async () => {
      const post = await buildPost(app);
      const parent = await buildComment(app, post);
      const { hidden } = await openAndWait(permalinkOf(post));
      const response = await sendComment(
        app, { ...hidden, ...COMMENTER, email: 'json@example.com', comment: uniqueText(), comment_parent: String(parent) },
        { headers: json, remoteAddress: freshAddress() },
      );
      expect(response.statusCode).toBe(201);
      const body = JSON.parse(response.body) as Record<string, unknown>;
      const id = await latestCommentId();
      expect(body).toMatchObject({ id, status: 'pending', parentId: parent, awaitingModeration: true, redirect: `${permalinkOf(post)}#comment-${id}` });
      const li = parseHtml(String(body.html))(`li#comment-${id}`);
      expect(li.hasClass('depth-2')).toBe(true);
      expect(li.find('.comment-awaiting-moderation').text()).toBe('Your comment is awaiting moderation.');
    });

    it('refusals as { code, message, data: { status, fields } }, with Retry-After on 429', async () => {
      const post = await buildPost(app);
      const { hidden } = await openAndWait(permalinkOf(post));
      const before = await countComments(app);
      const invalid = await sendComment(app, { ...hidden, comment: uniqueText() }, { headers: json, remoteAddress: freshAddress() });
      expect(invalid.statusCode).toBe(400);
      expect(JSON.parse(invalid.body)).toEqual({
        code: 'COMMENT_FIELDS_INVALID',
        message: 'Some fields of your comment need attention before it can be posted.',
        data: { status: 400, fields: { author: 'Please fill in your name.', email: 'Please fill in your e-mail address.' } },
      });
      // The page may come from the cache with an older stamp: a fresh one is what the script would send.
      const { stamp } = JSON.parse((await app.server.inject(`/comments/stamp?post=${post.id}`)).body) as { stamp: string };
      const tooFast = await sendComment(
        app, { ...hidden, quire_stamp: stamp, ...COMMENTER, comment: uniqueText() }, { headers: json, remoteAddress: freshAddress() },
      );
      expect(tooFast.statusCode).toBe(429);
      expect(Number(tooFast.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(tooFast.body)).toMatchObject({ code: 'COMMENT_TOO_FAST', data: { status: 429 } });
      expect(await countComments(app)).toBe(before);
    });
  });

  describe('cross-site requests', () => {
    it('a signed-in browser must send its _csrf token: without it or with a wrong one, 403 and nothing stored', async () => {
      const staff = await createStaff(app, 'editor', { displayName: 'Eddie Editor' });
      const jar = await signIn(app, staff.email, 'correct horse battery staple');
      const post = await buildPost(app);
      const { hidden, $ } = await openAndWait(permalinkOf(post), jar);
      expect(hidden._csrf).toBeTruthy();
      expect($('.comment-signed-in-name').text()).toBe('Eddie Editor');
      const before = await countComments(app);
      const { _csrf: token, ...withoutToken } = hidden;
      const missing = await sendComment(app, { ...withoutToken, comment: uniqueText() }, { jar });
      expect(missing.statusCode).toBe(403);
      expect(parseHtml(missing.body)('main').text()).toContain('This form has expired or was sent from another site.');
      const wrong = await sendComment(app, { ...hidden, _csrf: `${token}x`, comment: uniqueText() }, { jar });
      expect(wrong.statusCode).toBe(403);
      expect(await countComments(app)).toBe(before);
      const right = await sendComment(app, { ...hidden, comment: uniqueText() }, { jar });
      expect(right.statusCode).toBe(303);
      const id = await latestCommentId();
      expect(await app.services.comments.find(id)).toMatchObject({ status: 'approved', authorName: 'Eddie Editor', userId: staff.id });
    });

    it.each([
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
      ['a foreign Origin', { origin: 'https://evil.example' }],
      ['Origin: null', { origin: 'null' }],
    ])('refuses an anonymous post with %s (403, a clear message, nothing stored)', async (_label, headers) => {
      const post = await buildPost(app);
      const { hidden } = await openAndWait(permalinkOf(post));
      const before = await countComments(app);
      const response = await sendComment(app, { ...hidden, ...COMMENTER, comment: uniqueText() }, { headers, remoteAddress: freshAddress() });
      expect(response.statusCode).toBe(403);
      expect(parseHtml(response.body)('main').text()).toContain('This comment was sent from another site, so it was not accepted.');
      expect(await countComments(app)).toBe(before);
    });

    it('accepts the site’s own Origin and same-origin fetches', async () => {
      const post = await buildPost(app);
      const { hidden } = await openAndWait(permalinkOf(post));
      const response = await sendComment(
        app, { ...hidden, ...COMMENTER, email: 'same-origin@example.com', comment: uniqueText() },
        { headers: { origin: 'http://blog.test', 'sec-fetch-site': 'same-origin' }, remoteAddress: freshAddress() },
      );
      expect(response.statusCode).toBe(303);
    });
  });

  describe('GET /comments/stamp', () => {
    it('gives a fresh stamp, never cached, that the form accepts', async () => {
      const post: Post = await buildPost(app);
      const response = await app.server.inject(`/comments/stamp?post=${post.id}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const { stamp } = JSON.parse(response.body) as { stamp: string };
      clock.advance(5_000);
      const posted = await sendComment(
        app, { comment_post_ID: String(post.id), comment_parent: '0', quire_stamp: stamp, ...COMMENTER, email: 'stamp@example.com', comment: uniqueText() },
        { remoteAddress: freshAddress() },
      );
      expect(posted.statusCode).toBe(303);
    });

    it.each(['', 'abc', '0', '99999999999', '424242'])('answers post=%j with 404 JSON', async (value) => {
      const response = await app.server.inject(`/comments/stamp?post=${value}`);
      expect(response.statusCode).toBe(404);
      expect(JSON.parse(response.body)).toMatchObject({ code: 'COMMENT_POST_NOT_FOUND' });
    });
  });
});

describe('the commenter’s cookies on an https site', () => {
  it('are Secure', async () => {
    const clock = mutableClock('2026-06-01T12:00:00.000Z');
    const app = await createTestApp({ clock, config: { publicUrl: 'https://blog.test' } });
    try {
      const post = await buildPost(app);
      const { hidden } = await openCommentForm(app, permalinkOf(post));
      clock.advance(5_000);
      const response = await sendComment(app, { ...hidden, ...COMMENTER, comment: 'Over https.', remember: '1' }, { headers: { origin: 'https://blog.test' } });
      expect(response.statusCode).toBe(303);
      expect(setCookieFor(response, 'quire_commenter')).toMatch(/;\s*Secure/i);
      expect(setCookieFor(response, PENDING_COMMENT_COOKIE)).toMatch(/;\s*Secure/i);
    } finally {
      await app.close();
    }
  });
});
