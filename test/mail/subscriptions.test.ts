// E-mail subscriptions end to end, read from a real SMTP server (test/support/smtp.ts): double opt-in, the
// comment and reply scopes, unsubscribing (page and RFC 8058 one-click), no mail before approval, new posts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommentSubmission } from '../../src/features/comments/index.js';
import type { Post } from '../../src/features/posts/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildAuthor, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { expectNoInternals } from '../support/pages.js';
import { type ReceivedMail, type TestSmtpServer, startSmtpServer } from '../support/smtp.js';
import { runJobsUntilIdle } from '../support/jobs.js';

const SITE = 'http://blog.test';
const DAY = 24 * 3_600_000;

let smtp: TestSmtpServer;
let clock: MutableClock;
let app: TestApp;
let ip = 0;
let sequence = 0;

beforeAll(async () => {
  smtp = await startSmtpServer();
  clock = mutableClock('2026-03-14T09:00:00.000Z');
  app = await createTestApp({ clock, config: { smtpUrl: smtp.url } });
  // Guests' comments go straight through (unless they carry the moderation word), as fast as the test posts them.
  await app.services.settings.update({
    title: 'My Blog', commentMinFillSeconds: 0, commentPreviouslyApproved: false, commentFloodSeconds: 0, commentIpLimitPerHour: 1_000_000,
    commentSpamThreshold: 100, commentModerationKeys: 'hold-for-review', commentNotifyAuthor: false,
  });
});
afterEach(async () => {
  await drain();
  smtp.clear();
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const drain = () => runJobsUntilIdle(app);

const uniqueEmail = (name: string) => `${name}-${++sequence}@example.test`;
const mailsTo = (email: string): ReceivedMail[] => smtp.messages.filter((mail) => mail.to.includes(email));

async function comment(post: Pick<Post, 'id'>, fields: Partial<CommentSubmission> = {}) {
  return app.services.comments.submit(
    {
      postId: post.id, parentId: null, authorName: 'Ann', authorEmail: uniqueEmail('ann'), authorUrl: '',
      source: `Comment ${++sequence}, with something to say.`, subscribe: 'none', subscribePosts: false, honeypot: '', formServedAt: undefined,
      ...fields,
    },
    { ip: `203.0.113.${++ip % 250}`, userAgent: 'vitest' },
  );
}

/** The one link of `mail` under `path` (e.g. /subscriptions/confirm/), as a path for inject(). */
function linkIn(mail: ReceivedMail, path: string): string {
  const links = mail.links.filter((link) => link.startsWith(`${SITE}${path}`));
  expect(links, `one ${path} link in "${mail.subject}"`).toHaveLength(1);
  return (links[0] as string).slice(SITE.length);
}

const post = (url: string, payload = '', contentType = 'application/x-www-form-urlencoded') =>
  app.server.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });

async function activeFor(postId: number, email: string) {
  const all = postId === 0 ? await app.services.subscriptions.listActivePostSubscribers() : await app.services.subscriptions.listActiveForPost(postId);
  return all.filter((s) => s.email === email);
}

/** Asks for a subscription, reads the confirmation mail and presses its button: an active subscriber. */
async function subscribe(email: string, kind: 'comments' | 'replies' | 'posts', postId: number): Promise<void> {
  await app.services.subscriptions.request({ email, kind, postId });
  await drain();
  const confirmation = mailsTo(email).at(-1);
  expect(confirmation?.subject).toMatch(/confirm your subscription/i);
  expect((await post(linkIn(confirmation as ReceivedMail, '/subscriptions/confirm/'))).statusCode).toBe(200);
  expect(await activeFor(postId, email)).toHaveLength(1);
  smtp.clear();
}

describe('double opt-in', () => {
  it('mails a confirmation link when a commenter ticks "Notify me"; nothing is sent to them until they press its button', async () => {
    const article = await buildPost(app, { title: 'Opting in' });
    const reader = uniqueEmail('reader');
    await comment(article, { authorEmail: reader, subscribe: 'comments' });
    await drain();

    const [confirmation, ...more] = mailsTo(reader);
    expect(more).toEqual([]);
    expect(confirmation?.subject).toBe('[My Blog] Please confirm your subscription');
    expect(confirmation?.text).toContain('new comments on "Opting in"');
    const link = linkIn(confirmation as ReceivedMail, '/subscriptions/confirm/');
    expect(await activeFor(article.id, reader)).toEqual([]);

    // Pending: another comment on the post tells the reader nothing.
    await comment(article);
    await drain();
    expect(mailsTo(reader)).toHaveLength(1);

    // The link opens a page with one button; opening it (as a mail scanner would) confirms nothing.
    const page = await app.server.inject({ method: 'GET', url: link });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const $ = parseHtml(page.body);
    expect($('main form[method="post"]').attr('action')).toBe(link);
    expect($('main form button').text()).toBe('Confirm subscription');
    expect(await activeFor(article.id, reader)).toEqual([]);

    const confirmed = await post(link);
    expect(confirmed.statusCode).toBe(200);
    expect(parseHtml(confirmed.body)('main h1').text()).toBe('Subscription confirmed');
    expect(await activeFor(article.id, reader)).toHaveLength(1);

    const later = await comment(article, { authorName: 'Bob' });
    await drain();
    const notices = mailsTo(reader).slice(1);
    expect(notices.map((mail) => mail.subject)).toEqual(['[My Blog] New comment on "Opting in"']);
    expect(notices[0]?.text).toContain(`${SITE}${permalinkOf(article)}#comment-${later.id}`);
  });

  it('re-sends the confirmation when asked again, at most once in 10 minutes; an active subscription stays active, unmailed', async () => {
    const article = await buildPost(app);
    const reader = uniqueEmail('again');
    const ask = () => app.services.subscriptions.request({ email: reader, kind: 'comments', postId: article.id });
    await ask();
    await ask();
    await drain();
    expect(mailsTo(reader)).toHaveLength(1);

    clock.advance(9 * 60_000);
    await ask();
    await drain();
    expect(mailsTo(reader)).toHaveLength(1);

    clock.advance(60_000);
    await ask();
    await drain();
    expect(mailsTo(reader)).toHaveLength(2);

    expect((await post(linkIn(mailsTo(reader)[1] as ReceivedMail, '/subscriptions/confirm/'))).statusCode).toBe(200);
    clock.advance(60 * 60_000);
    await ask();
    await drain();
    expect(mailsTo(reader)).toHaveLength(2);
    expect(await activeFor(article.id, reader)).toHaveLength(1);
  });

  it('refuses a malformed request and stores nothing', async () => {
    const article = await buildPost(app);
    await expect(app.services.subscriptions.request({ email: 'not an address', kind: 'comments', postId: article.id })).rejects.toMatchObject({
      code: 'SUBSCRIPTION_INVALID',
    });
    await expect(app.services.subscriptions.request({ email: uniqueEmail('x'), kind: 'comments', postId: 0 })).rejects.toMatchObject({
      code: 'SUBSCRIPTION_INVALID',
    });
    expect(await app.services.subscriptions.exportFor('not an address')).toEqual([]);
  });
});

describe('what subscribers hear of', () => {
  it('"replies to my comment only": a reply to their own comment, not other comments, not replies to replies', async () => {
    const article = await buildPost(app, { title: 'Threads' });
    const replier = uniqueEmail('replier');
    const own = await comment(article, { authorEmail: replier, authorName: 'Rita', subscribe: 'replies' });
    await drain();
    expect((await post(linkIn(mailsTo(replier)[0] as ReceivedMail, '/subscriptions/confirm/'))).statusCode).toBe(200);
    smtp.clear();

    const other = await comment(article, { authorName: 'Otto' });
    await comment(article, { parentId: other.id, authorName: 'Olga' });
    await drain();
    expect(mailsTo(replier)).toEqual([]);

    const reply = await comment(article, { parentId: own.id, authorName: 'Sam' });
    await comment(article, { parentId: reply.id, authorName: 'Tess' });
    await drain();
    const mails = mailsTo(replier);
    expect(mails.map((mail) => mail.subject)).toEqual(['[My Blog] Sam replied to your comment on "Threads"']);
    expect(mails[0]?.text).toContain(`#comment-${reply.id}`);
  });

  it('"all new comments": every approved comment on that post, none on other posts', async () => {
    const [followed, elsewhere] = [await buildPost(app, { title: 'Followed' }), await buildPost(app, { title: 'Elsewhere' })];
    const reader = uniqueEmail('all');
    await subscribe(reader, 'comments', followed.id);

    const first = await comment(followed, { authorName: 'Una' });
    await comment(followed, { parentId: first.id, authorName: 'Vic' });
    await comment(elsewhere, { authorName: 'Wes' });
    await drain();
    expect(mailsTo(reader).map((mail) => mail.subject)).toEqual([
      '[My Blog] New comment on "Followed"',
      '[My Blog] New comment on "Followed"',
    ]);
    // Mail jobs of one batch run side by side: the order they arrive in is not part of the promise.
    expect(mailsTo(reader).map((mail) => mail.text.split('\n')[0]).sort()).toEqual(['Una commented on "Followed":', 'Vic commented on "Followed":']);
  });

  it('never tells a commenter about their own comment', async () => {
    const article = await buildPost(app);
    const [reader, neighbour] = [uniqueEmail('self'), uniqueEmail('neighbour')];
    await subscribe(reader, 'comments', article.id);
    await subscribe(neighbour, 'comments', article.id);
    await comment(article, { authorEmail: reader, authorName: 'Me myself' });
    await drain();
    expect(mailsTo(reader)).toEqual([]);
    expect(mailsTo(neighbour)).toHaveLength(1);
  });

  it('sends no mail before approval: a held comment tells no one; approval tells each once, a second approval no one', async () => {
    const article = await buildPost(app);
    const reader = uniqueEmail('patient');
    await subscribe(reader, 'comments', article.id);

    const held = await comment(article, { source: 'Please hold-for-review this one.' });
    expect(held.status).toBe('pending');
    await drain();
    expect(mailsTo(reader)).toEqual([]);

    await app.services.comments.setStatus(held.id, 'approved');
    await drain();
    expect(mailsTo(reader)).toHaveLength(1);

    await app.services.comments.setStatus(held.id, 'pending');
    await app.services.comments.setStatus(held.id, 'approved');
    await drain();
    expect(mailsTo(reader)).toHaveLength(1);
  });

  it('checks again at send time: a comment unapproved, or an address unsubscribed, after the fan-out sends nothing', async () => {
    const article = await buildPost(app);
    const [reader, other] = [uniqueEmail('late'), uniqueEmail('other')];
    await subscribe(reader, 'comments', article.id);
    await subscribe(other, 'comments', article.id);

    const first = await comment(article);
    await app.runner.runOnce(); // the fan-out: one queued mail per subscriber
    await app.services.comments.setStatus(first.id, 'spam');
    await drain();
    expect([...mailsTo(reader), ...mailsTo(other)]).toEqual([]);

    await comment(article);
    await app.runner.runOnce();
    const [subscription] = await activeFor(article.id, reader);
    await app.services.subscriptions.unsubscribe(subscription?.id ?? 0);
    await drain();
    expect(mailsTo(reader)).toEqual([]);
    expect(mailsTo(other)).toHaveLength(1);
  });
});

describe('unsubscribing', () => {
  async function notifiedReader() {
    const article = await buildPost(app, { title: 'Leaving' });
    const reader = uniqueEmail('leaver');
    await subscribe(reader, 'comments', article.id);
    await comment(article);
    await drain();
    const [notice] = mailsTo(reader);
    expect(notice).toBeDefined();
    return { article, reader, notice: notice as ReceivedMail };
  }

  it('puts one-click headers on every notification, pointing to the link in its text', async () => {
    const { notice } = await notifiedReader();
    const link = linkIn(notice, '/subscriptions/unsubscribe/');
    expect(notice.headers.get('list-unsubscribe')).toBe(`<${SITE}${link}>`);
    expect(notice.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(parseHtml(notice.html)(`a[href="${SITE}${link}"]`).text()).toBe('Unsubscribe');
  });

  it('through the page: the GET shows a button and changes nothing, the POST ends it, and no more mail comes', async () => {
    const { article, reader, notice } = await notifiedReader();
    const link = linkIn(notice, '/subscriptions/unsubscribe/');
    const page = await app.server.inject({ method: 'GET', url: link });
    expect(page.statusCode).toBe(200);
    const $ = parseHtml(page.body);
    expect($('main form[method="post"]').attr('action')).toBe(link);
    expect($('main form button').text()).toBe('Unsubscribe');
    expect($('main').text()).toContain('new comments on “Leaving”');
    expect(await activeFor(article.id, reader)).toHaveLength(1);

    const done = await post(link);
    expect(done.statusCode).toBe(200);
    expect(parseHtml(done.body)('main h1').text()).toBe('You are unsubscribed');
    expect(await activeFor(article.id, reader)).toEqual([]);
    // Twice is fine (a second click, a mail client retrying).
    expect((await post(link)).statusCode).toBe(200);

    await comment(article);
    await drain();
    expect(mailsTo(reader)).toHaveLength(1);
  });

  it.each([
    ['application/x-www-form-urlencoded', 'List-Unsubscribe=One-Click'],
    ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--xyz--\r\n'],
  ])('by RFC 8058 one-click: a POST of List-Unsubscribe=One-Click alone (%s) ends it', async (contentType, body) => {
    const { article, reader, notice } = await notifiedReader();
    const header = String(notice.headers.get('list-unsubscribe'));
    const url = header.slice(1, -1).slice(SITE.length);
    const response = await post(url, body, contentType);
    expect(response.statusCode).toBe(200);
    expect(await activeFor(article.id, reader)).toEqual([]);
    await comment(article);
    await drain();
    expect(mailsTo(reader)).toHaveLength(1);
  });
});

describe('links that are not ours, or too old', () => {
  it('refuses a tampered, forged or misused link with a themed page that says what to do, and changes nothing', async () => {
    const article = await buildPost(app);
    const reader = uniqueEmail('forger');
    await app.services.subscriptions.request({ email: reader, kind: 'comments', postId: article.id });
    await drain();
    const link = linkIn(mailsTo(reader)[0] as ReceivedMail, '/subscriptions/confirm/');
    const token = link.split('/').at(-1) as string;
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;

    for (const url of [`/subscriptions/confirm/${tampered}`, `/subscriptions/unsubscribe/${token}`, `/comments/moderate/${token}`, '/subscriptions/confirm/nonsense']) {
      for (const method of ['GET', 'POST'] as const) {
        const response = await app.server.inject({ method, url });
        expect(response.statusCode, `${method} ${url}`).toBe(400);
        const $ = parseHtml(response.body);
        expect($('main .error-page p').first().text()).toMatch(/not valid.*Copy the whole link/);
        expect($('main form').length).toBe(0);
        expectNoInternals(response.body);
      }
    }
    expect(await activeFor(article.id, reader)).toEqual([]);
    expect((await app.services.subscriptions.exportFor(reader))[0]?.status).toBe('pending');
  });

  it('answers 410 to a confirmation link older than 7 days, and an unsubscribe link older than a year', async () => {
    const article = await buildPost(app);
    const reader = uniqueEmail('slow');
    await app.services.subscriptions.request({ email: reader, kind: 'comments', postId: article.id });
    await drain();
    const confirmLink = linkIn(mailsTo(reader)[0] as ReceivedMail, '/subscriptions/confirm/');
    clock.advance(7 * DAY + 60_000);
    for (const method of ['GET', 'POST'] as const) {
      const response = await app.server.inject({ method, url: confirmLink });
      expect(response.statusCode).toBe(410);
      expect(parseHtml(response.body)('main .error-page p').first().text()).toMatch(/expired.*Ask again/);
    }
    expect(await activeFor(article.id, reader)).toEqual([]);

    const loyal = uniqueEmail('loyal');
    await subscribe(loyal, 'comments', article.id);
    await comment(article);
    await drain();
    const unsubscribeLink = linkIn(mailsTo(loyal)[0] as ReceivedMail, '/subscriptions/unsubscribe/');
    clock.advance(366 * DAY);
    expect((await post(unsubscribeLink, 'List-Unsubscribe=One-Click')).statusCode).toBe(410);
    expect(await activeFor(article.id, loyal)).toHaveLength(1);
  });
});

describe('new posts', () => {
  it('mails each confirmed "posts" subscriber once when a post is published, now or on schedule; pending ones get nothing', async () => {
    const author = await buildAuthor(app, { displayName: 'Penny Writer' });
    const [reader, undecided] = [uniqueEmail('posts'), uniqueEmail('undecided')];
    const article = await buildPost(app);
    await comment(article, { authorEmail: reader, subscribePosts: true });
    await drain();
    expect((await post(linkIn(mailsTo(reader)[0] as ReceivedMail, '/subscriptions/confirm/'))).statusCode).toBe(200);
    await app.services.subscriptions.request({ email: undecided, kind: 'posts', postId: 0 });
    await drain();
    smtp.clear();

    const fresh = await buildPost(app, { title: 'Hot off the press', author, excerpt: 'What is new.' });
    await drain();
    await drain();
    const [notice, ...more] = mailsTo(reader);
    expect(more).toEqual([]);
    expect(notice?.subject).toBe('[My Blog] New post: Hot off the press');
    expect(notice?.text).toContain(`${SITE}${permalinkOf(fresh)}`);
    expect(notice?.text).toContain('by Penny Writer');
    expect(notice?.headers.get('list-unsubscribe')).toBe(`<${SITE}${linkIn(notice as ReceivedMail, '/subscriptions/unsubscribe/')}>`);
    expect(mailsTo(undecided)).toEqual([]);

    const scheduled = await buildPost(app, { title: 'Tomorrow', author, status: 'scheduled', publishedAt: new Date(clock.now().getTime() + DAY).toISOString() });
    await drain();
    expect(mailsTo(reader)).toHaveLength(1);
    clock.advance(DAY);
    await drain();
    expect(mailsTo(reader).map((mail) => mail.subject)).toEqual(['[My Blog] New post: Hot off the press', '[My Blog] New post: Tomorrow']);
    expect(mailsTo(reader)[1]?.text).toContain(`${SITE}${permalinkOf(scheduled)}`);

    // A page or a draft is not news.
    await buildPost(app, { type: 'page', title: 'About' });
    await buildPost(app, { title: 'Draft', status: 'draft' });
    await drain();
    expect(mailsTo(reader)).toHaveLength(2);
  });
});

describe('escaping', () => {
  it('quotes user HTML as text in both parts of a notification; nothing in the HTML part runs', async () => {
    const article = await buildPost(app, { title: 'Tom & "Jerry" <b>' });
    const reader = uniqueEmail('careful');
    await subscribe(reader, 'comments', article.id);
    await comment(article, { authorName: '<script>alert(1)</script>', source: 'Look: <img src=x onerror=alert(2)> <a href="javascript:alert(3)">me</a>' });
    await drain();
    const [notice] = mailsTo(reader);
    expect(notice?.subject).toBe('[My Blog] New comment on "Tom & "Jerry" <b>"');
    expect(notice?.text).toContain('<script>alert(1)</script> commented on');
    const $ = parseHtml(notice?.html ?? '');
    expect($('script').length).toBe(0);
    expect($('img').length).toBe(0);
    expect($('b').length).toBe(0);
    expect($('*').filter((_, el) => Object.keys((el as { attribs?: object }).attribs ?? {}).some((name) => name.startsWith('on'))).length).toBe(0);
    expect($('a[href^="javascript:"]').length).toBe(0);
    expect($('body').text()).toContain('<script>alert(1)</script> commented on "Tom & "Jerry" <b>"');
  });
});
