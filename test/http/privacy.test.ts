// A commenter's own data: asking for the link (the same answer for every address, rate limited, same-site only),
// the mailed link (read from a real SMTP server, test/support/smtp.ts) and its opaque one-time token (no address
// in it), the download (as often as wanted) and the erasure that keeps the thread's shape and uses the link up;
// forged, expired and spent links; the administrators' screen. Stand-in: time (a clock the test moves).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveSecret } from '../../src/config/secret.js';
import type { Post } from '../../src/features/posts/index.js';
import { createPrivacyService } from '../../src/features/privacy/index.js';
import { createTokensService } from '../../src/features/tokens/index.js';
import { createSigner } from '../../src/kernel/signed.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { expectNoInternals } from '../support/pages.js';
import { STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';
import { type TestSmtpServer, startSmtpServer } from '../support/smtp.js';
import { runJobsUntilIdle } from '../support/jobs.js';

const SITE = 'http://blog.test';
const SENT = 'If there are comments or subscriptions for that address, we sent a link to it.';
const ANN = 'ann@example.test';
const BOB = 'bob@example.test';
const NO_LONGER_VALID = 'This link is no longer valid: ask for a new one.';

/**
 * Every way `text` could sit inside a base64 or base64url string: its encoding at each of the three byte
 * alignments, without the edge characters that depend on the bytes around it.
 */
function base64Forms(text: string): string[] {
  return [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.from(`${'\0'.repeat(offset)}${text}`);
    return (['base64', 'base64url'] as const).map((encoding) => {
      const full = encoded.toString(encoding).replace(/=+$/, '');
      return full.slice(offset === 0 ? 0 : 4, -4);
    });
  });
}

describe('privacy: download and erase your comments', () => {
  let smtp: TestSmtpServer;
  let clock: MutableClock;
  let app: TestApp;
  let first: Post;
  let second: Post;
  const ids = { annTop: 0, bobReply: 0, annReply: 0, annHeld: 0, bobOwn: 0 };
  let ipSequence = 0;

  async function comment(email: string, name: string, postId: number, source: string, parentId: number | null = null) {
    const { id } = await app.services.comments.submit(
      {
        postId, parentId, authorName: name, authorEmail: email, authorUrl: `https://${name.toLowerCase()}.example`,
        source, subscribe: 'none', subscribePosts: false, honeypot: '', formServedAt: undefined,
      },
      { ip: `203.0.113.${++ipSequence}`, userAgent: `Browser of ${name}` },
    );
    return id;
  }

  const drain = () => runJobsUntilIdle(app);

  /** Asks for the link from `ip` as a browser on this site would. */
  const ask = (email: string, ip = '198.51.100.1', headers: Record<string, string> = {}) =>
    app.server.inject({
      method: 'POST', url: '/comments/privacy', remoteAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
      payload: new URLSearchParams({ email }).toString(),
    });
  const send = (url: string, fields: Record<string, string>) =>
    app.server.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
  const row = (id: number) => app.db.kysely.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const jobCount = async () => Number((await app.db.kysely.selectFrom('jobs').select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('kind', '=', 'privacy.mail-link').executeTakeFirstOrThrow()).n);

  /** Asks for Ann's link and returns its path and token, read from the mail. */
  async function linkFor(email: string): Promise<{ path: string; token: string }> {
    smtp.clear();
    clock.advance(3_600_000); // a new hour: the once-an-hour limit of an address does not hold this one back
    expect((await ask(email, `192.0.2.${++ipSequence}`)).statusCode).toBe(200);
    await drain();
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    const link = mail.links.find((l) => l.startsWith(`${SITE}/comments/privacy/`)) ?? '';
    const path = link.slice(SITE.length);
    return { path, token: path.slice('/comments/privacy/'.length) };
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    clock = mutableClock('2026-12-01T09:00:00.000Z');
    app = await createTestApp({ clock, config: { smtpUrl: smtp.url } });
    await app.services.settings.update({
      title: 'Workshop Notes', commentMinFillSeconds: 0, commentFloodSeconds: 0, commentPreviouslyApproved: false,
      commentSpamThreshold: 100, commentNotifyAuthor: false, commentNotifyModeration: false,
    });
    first = await buildPost(app, { title: 'Hand planes' });
    second = await buildPost(app, { title: 'Saw sharpening' });
    ids.annTop = await comment(ANN, 'Ann', first.id, 'Ann starts the thread.');
    ids.bobReply = await comment(BOB, 'Bob', first.id, 'Bob answers Ann.', ids.annTop);
    ids.annReply = await comment(ANN, 'Ann', first.id, 'Ann answers Bob.', ids.bobReply);
    ids.annHeld = await comment(ANN.toUpperCase(), 'Ann', second.id, 'Ann, held for moderation.');
    await app.services.comments.setStatus(ids.annHeld, 'pending');
    ids.bobOwn = await comment(BOB, 'Bob', second.id, 'Bob alone.');
    await app.services.subscriptions.request({ email: ANN, kind: 'comments', postId: first.id });
    await app.services.subscriptions.request({ email: BOB, kind: 'posts', postId: 0 });
    await drain();
  });
  afterEach(() => smtp.clear());
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('offers a form asking for the e-mail address', async () => {
    const response = await get(app, '/comments/privacy');
    expect(response.statusCode).toBe(200);
    const $ = parseHtml(response.body);
    expect($('h1').text()).toBe('Your comments and your data');
    expect($('form[action="/comments/privacy"] input[name="email"][type="email"]').length).toBe(1);
    expect($('meta[name="robots"]').attr('content')).toContain('noindex');
  });

  it('answers the same for a known and an unknown address, and mails a link only to the known one', async () => {
    const known = await ask(ANN, '198.51.100.10');
    const unknown = await ask('nobody@example.test', '198.51.100.11');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(parseHtml(known.body)('main').html()).toBe(parseHtml(unknown.body)('main').html());
    expect(parseHtml(known.body)('.privacy-sent').text()).toBe(SENT);
    expect(Object.keys(known.headers).sort()).toEqual(Object.keys(unknown.headers).sort());

    await drain();
    const mail = await smtp.waitFor((m) => m.to.includes(ANN));
    expect(mail.subject).toBe('[Workshop Notes] Your comments and subscriptions');
    expect(mail.links.filter((l) => l.startsWith(`${SITE}/comments/privacy/`))).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.to.includes('nobody@example.test'))).toEqual([]);

    // Asking again within the hour sends nothing more: asking cannot flood a mailbox.
    smtp.clear();
    expect((await ask(ANN, '198.51.100.12')).statusCode).toBe(200);
    await drain();
    expect(smtp.messages).toEqual([]);
  });

  it('mails a link that carries no e-mail address, in any encoding', async () => {
    const { path, token } = await linkFor(ANN);
    const link = `${SITE}${path}`;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(link).not.toContain('@');
    expect(link).not.toContain('%40');
    for (const form of [ANN, encodeURIComponent(ANN), 'ann%40example']) expect(link.toLowerCase(), form).not.toContain(form);
    for (const form of [Buffer.from(ANN).toString('hex'), ...base64Forms(ANN)]) expect(link, form).not.toContain(form);
    for (const encoding of ['base64', 'base64url', 'hex'] as const) {
      expect(Buffer.from(token, encoding).toString('latin1')).not.toContain('example.test');
    }
    // The check can fail: wherever the address sits among encoded bytes, one of its forms shows.
    for (const prefix of ['', 'x', 'xy']) {
      for (const encoding of ['base64', 'base64url'] as const) {
        const encoded = Buffer.from(`${prefix}${ANN}.tail`).toString(encoding);
        expect(base64Forms(ANN).some((form) => encoded.includes(form)), `${encoding} after ${prefix.length}`).toBe(true);
      }
    }
  });

  it('opens the link on a page with a download button and an erase button carrying the token', async () => {
    const { path, token } = await linkFor(ANN);
    const response = await get(app, path);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const $ = parseHtml(response.body);
    expect($('.privacy-facts').text()).toContain(`This page is for ${ANN}.`);
    expect($('.privacy-facts').text()).toContain('3 comments and 1 subscription');
    expect($('form[action="/comments/privacy/download"] input[name="token"]').val()).toBe(token);
    expect($('form[action="/comments/privacy/erase"] input[name="token"]').val()).toBe(token);
    expect($('form[action="/comments/privacy/download"] button').text()).toBe('Download my data');
    expect($('form[action="/comments/privacy/erase"] button').text()).toBe('Erase my comments');
  });

  it('downloads a JSON file with every comment and subscription of that address, and nobody else’s', async () => {
    const { token } = await linkFor(ANN);
    const response = await send('/comments/privacy/download', { token });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="comments-2026-12-\d\d\.json"$/);
    expect(response.headers['cache-control']).toBe('no-store');
    const data = response.json() as { email: string; comments: Record<string, unknown>[]; subscriptions: Record<string, unknown>[] };
    expect(data.email).toBe(ANN);
    expect(data.comments.map((c) => c.id)).toEqual([ids.annTop, ids.annReply, ids.annHeld]);
    expect(data.comments[0]).toEqual({
      id: ids.annTop, parentId: null, postId: first.id, postTitle: 'Hand planes', postPath: permalinkOf(first),
      date: '2026-12-01T09:00:00.000Z', status: 'approved', name: 'Ann', url: 'https://ann.example/', text: 'Ann starts the thread.',
    });
    expect(data.comments[1]).toMatchObject({ parentId: ids.bobReply, text: 'Ann answers Bob.' });
    expect(data.comments[2]).toMatchObject({ status: 'pending', postTitle: 'Saw sharpening', text: 'Ann, held for moderation.' });
    expect(data.subscriptions).toEqual([expect.objectContaining({ kind: 'comments', postId: first.id, status: 'pending' })]);
    expect(response.body).not.toContain(BOB);
    expect(response.body).not.toContain('Bob answers Ann.');

    // Downloading leaves the link live for the rest of its day.
    clock.advance(20 * 3_600_000);
    const again = await send('/comments/privacy/download', { token });
    expect(again.statusCode).toBe(200);
    expect((again.json() as { comments: { id: number }[] }).comments.map((c) => c.id)).toEqual([ids.annTop, ids.annReply, ids.annHeld]);
    expect((await get(app, `/comments/privacy/${token}`)).statusCode).toBe(200);
  });

  it('erases only when confirmed, keeps the thread shape and clears every personal field', async () => {
    // The public page is in the cache: the erasure must reach readers at once.
    await get(app, permalinkOf(first));
    expect((await get(app, permalinkOf(first))).headers['x-cache']).toBe('HIT');
    const { token } = await linkFor(ANN);

    const unconfirmed = await send('/comments/privacy/erase', { token });
    expect(unconfirmed.statusCode).toBe(400);
    expect(parseHtml(unconfirmed.body)('.form-errors[role="alert"]').text()).toContain('Tick “Yes, erase them” to confirm');
    expect((await row(ids.annTop)).source).toBe('Ann starts the thread.');

    const erased = await send('/comments/privacy/erase', { token, confirm: 'yes' });
    expect(erased.statusCode).toBe(200);
    expect(parseHtml(erased.body)('main h1').text()).toBe('Your comments were erased');
    expect(parseHtml(erased.body)('main').text()).toContain('3 comments of ann@example.test now say “[deleted]”');
    expect(parseHtml(erased.body)('main').text()).toContain('This link is now used up');

    for (const id of [ids.annTop, ids.annReply, ids.annHeld]) {
      expect(await row(id)).toMatchObject({
        source: '[deleted]', authorName: '[deleted]', authorEmail: '', authorUrl: '', ipHash: null, userAgent: '', userId: null,
      });
      expect((await row(id)).contentHtml).toContain('[deleted]');
    }
    expect(await row(ids.annReply)).toMatchObject({ parentId: ids.bobReply, status: 'approved' });
    expect(await row(ids.annHeld)).toMatchObject({ status: 'pending', postId: second.id });
    expect(await row(ids.bobReply)).toMatchObject({ source: 'Bob answers Ann.', authorEmail: BOB, parentId: ids.annTop });
    expect((await row(ids.bobReply)).ipHash).toMatch(/\S/);
    expect(await app.services.subscriptions.exportFor(ANN)).toEqual([]);
    expect(await app.services.subscriptions.exportFor(BOB)).toHaveLength(1);

    const page = await get(app, permalinkOf(first));
    expect(page.headers['x-cache']).not.toBe('HIT');
    const $ = parseHtml(page.body);
    const top = $(`li#comment-${ids.annTop}`);
    expect(top.find('> article .comment-content').text().trim()).toBe('[deleted]');
    expect(top.find('> article .fn').text()).toBe('[deleted]');
    expect(top.find(`> ol.children > li#comment-${ids.bobReply} > article .comment-content`).text().trim()).toBe('Bob answers Ann.');
    expect(top.find(`> ol.children > li#comment-${ids.bobReply} > ol.children > li#comment-${ids.annReply}`).length).toBe(1);
    expect(page.body).not.toContain('Ann starts the thread.');
    expect(page.body).not.toContain('https://ann.example');

    // The erasure used the link up: it opens nothing any more, not even a second erasure.
    const spent = await get(app, `/comments/privacy/${token}`);
    expect(spent.statusCode).toBe(404);
    expect(parseHtml(spent.body)('main').text()).toContain(NO_LONGER_VALID);
    expect((await send('/comments/privacy/download', { token })).statusCode).toBe(404);
    expect((await send('/comments/privacy/erase', { token, confirm: 'yes' })).statusCode).toBe(404);
    // Nothing is left for that address: its download would be empty.
    expect(await app.services.privacy.exportFor(ANN)).toMatchObject({ comments: [], subscriptions: [] });
  });

  it('erases comments and subscriptions in one transaction: when the subscriptions fail, the comments are kept', async () => {
    const cara = await comment('cara@example.test', 'Cara', second.id, 'Cara was here.');
    await app.services.subscriptions.request({ email: 'cara@example.test', kind: 'posts', postId: 0 });
    const tokens = createTokensService({ db: app.db, clock });
    const failing = createPrivacyService({
      db: app.db, clock, events: app.events, subscriptions: app.services.subscriptions,
      subscriptionsWithin: () => ({ eraseFor: () => Promise.reject(new Error('the subscriptions table is locked')) }),
      tokens, tokensWithin: (tx) => createTokensService({ db: tx, clock }),
      posts: app.services.posts,
    });
    await expect(failing.eraseFor('cara@example.test')).rejects.toThrow('locked');
    expect(await row(cara)).toMatchObject({ source: 'Cara was here.', authorEmail: 'cara@example.test' });
    // Through a link: the failed erasure does not use the link up either.
    const token = await failing.issueLink('cara@example.test');
    await expect(failing.eraseByLink(token)).rejects.toThrow('locked');
    expect(await row(cara)).toMatchObject({ source: 'Cara was here.' });
    await expect(app.services.privacy.openLink(token)).resolves.toBe('cara@example.test');
    await expect(app.services.privacy.eraseByLink(token)).resolves.toEqual({ email: 'cara@example.test', comments: 1, subscriptions: 1 });
  });

  it('refuses forged, cut-off, other-purpose, old-style and expired links with one 404 page, and changes nothing', async () => {
    const { token } = await linkFor(BOB);
    const swap = (c: string) => (c === 'A' ? 'B' : 'A');
    const forged = `${token.slice(0, -1)}${swap(token.slice(-1))}`;
    // A live token of this site, but for another kind of link: it must not open this page.
    const otherPurpose = await createTokensService({ db: app.db, clock }).issue('setup', BOB, 3_600_000);
    // The signed kind of link this page used to take (address readable inside): no longer a way in.
    const signed = createSigner(resolveSecret(app.config)).sign('privacy', { email: BOB }, clock.now().getTime() + 3_600_000);
    for (const bad of [forged, token.slice(0, 20), otherPurpose, signed, 'x'.repeat(400)]) {
      const page = await get(app, `/comments/privacy/${bad}`);
      expect(page.statusCode, bad).toBe(404);
      expectNoInternals(page.body);
      const main = parseHtml(page.body)('main');
      expect(main.find('h1').text()).toBe('This link is no longer valid');
      expect(main.text()).toContain(NO_LONGER_VALID);
      expect(main.find('a[href="/comments/privacy"]').text()).toBe('Ask for a new link');
      expect((await send('/comments/privacy/download', { token: bad })).statusCode).toBe(404);
      expect((await send('/comments/privacy/erase', { token: bad, confirm: 'yes' })).statusCode).toBe(404);
    }
    expect((await send('/comments/privacy/erase', { confirm: 'yes' })).statusCode).toBe(404);
    expect((await send('/comments/privacy/download', {})).statusCode).toBe(404);

    clock.advance(24 * 3_600_000 + 1_000);
    const expired = await get(app, `/comments/privacy/${token}`);
    expect(expired.statusCode).toBe(404);
    expect(parseHtml(expired.body)('main').text()).toContain(NO_LONGER_VALID);
    expect((await send('/comments/privacy/download', { token })).statusCode).toBe(404);
    expect((await send('/comments/privacy/erase', { token, confirm: 'yes' })).statusCode).toBe(404);
    expect((await row(ids.bobOwn)).source).toBe('Bob alone.');
  });

  it('refuses a malformed address (400, typed text kept) and requests from other sites (403), queueing nothing', async () => {
    const before = await jobCount();
    const bad = await ask('ann at example', '198.51.100.40');
    expect(bad.statusCode).toBe(400);
    const $ = parseHtml(bad.body);
    expect($('#field-email').val()).toBe('ann at example');
    expect($('#field-email-error').text()).toContain('Enter the e-mail address you comment with');
    expect((await ask(ANN, '198.51.100.41', { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await ask(ANN, '198.51.100.42', { 'sec-fetch-site': 'none', origin: 'https://evil.example' })).statusCode).toBe(403);
    expect(await jobCount()).toBe(before);
  });

  it('limits requests per IP address to 5 an hour (429 with Retry-After), other addresses unaffected', async () => {
    for (let n = 0; n < 5; n++) expect((await ask(`someone${n}@example.test`, '198.51.100.77')).statusCode).toBe(200);
    const limited = await ask('someone-else@example.test', '198.51.100.77');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('3600');
    const $ = parseHtml(limited.body);
    expect($('.form-errors[role="alert"]').text()).toContain('Too many requests from your address');
    expect($('#field-email').val()).toBe('someone-else@example.test');
    expect((await ask('someone-else@example.test', '198.51.100.78')).statusCode).toBe(200);
  });

  it('lets administrators download and erase the data of any address from /admin/comments/privacy', async () => {
    await createStaff(app, 'administrator', { email: 'admin@example.test' });
    const admin = await signIn(app, 'admin@example.test', STAFF_PASSWORD);
    const { $, csrf } = await openForm(app, '/admin/comments/privacy', admin);
    expect($('h1').text()).toBe('Personal data of commenters');
    expect($('.admin-nav a[aria-current="page"]').text()).toBe('Privacy');

    const exported = await postForm(app, '/admin/comments/privacy', { _csrf: csrf, email: ` ${BOB.toUpperCase()} `, action: 'export' }, admin);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/^attachment;/);
    const data = JSON.parse(exported.body) as { comments: { id: number }[]; subscriptions: unknown[] };
    expect(data.comments.map((c) => c.id)).toEqual([ids.bobReply, ids.bobOwn]);
    expect(data.subscriptions).toHaveLength(1);

    const bad = await postForm(app, '/admin/comments/privacy', { _csrf: csrf, email: 'not an address', action: 'export' }, admin);
    expect(bad.statusCode).toBe(400);
    expect(parseHtml(bad.body)('#field-email').val()).toBe('not an address');

    const unconfirmed = await postForm(app, '/admin/comments/privacy', { _csrf: csrf, email: BOB, action: 'erase', confirm: '0' }, admin);
    expect(unconfirmed.statusCode).toBe(400);
    expect((await row(ids.bobOwn)).authorEmail).toBe(BOB);
    expect((await postForm(app, '/admin/comments/privacy', { email: BOB, action: 'erase', confirm: '1' }, admin)).statusCode).toBe(403);
    expect((await row(ids.bobOwn)).authorEmail).toBe(BOB);

    const erased = await postForm(app, '/admin/comments/privacy', { _csrf: csrf, email: BOB, action: 'erase', confirm: '1' }, admin);
    expect(erased.statusCode).toBe(200);
    expect(parseHtml(erased.body)('.admin-notice').text()).toBe(`Erased 2 comments and 1 subscription of ${BOB}.`);
    expect(await row(ids.bobOwn)).toMatchObject({ source: '[deleted]', authorName: '[deleted]', authorEmail: '', ipHash: null });
    expect(await row(ids.bobReply)).toMatchObject({ parentId: ids.annTop, source: '[deleted]' });

    // Editors moderate comments but do not handle personal data.
    await createStaff(app, 'editor', { email: 'editor@example.test' });
    const editor = await signIn(app, 'editor@example.test', STAFF_PASSWORD);
    expect((await get(app, '/admin/comments/privacy', editor)).statusCode).toBe(403);
  });
});
