// The moderation mail, read from a real SMTP server (test/support/smtp.ts): who gets it, what it says, and its signed
// Approve / Spam / Trash links followed through HTTP (a GET shows a button, the POST acts, a bad token changes nothing).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommentSubmission, CommentStatus } from '../../src/features/comments/index.js';
import type { Post } from '../../src/features/posts/index.js';
import type { User } from '../../src/features/users/index.js';
import { createSigner } from '../../src/kernel/signed.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildAuthor, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { expectNoInternals } from '../support/pages.js';
import { createStaff } from '../support/session.js';
import { type ReceivedMail, type TestSmtpServer, startSmtpServer } from '../support/smtp.js';
import { runJobsUntilIdle } from '../support/jobs.js';

const SITE = 'http://blog.test';
const DAY = 24 * 3_600_000;

let smtp: TestSmtpServer;
let clock: MutableClock;
let app: TestApp;
let owners: User[];
let author: User;
let ip = 0;
let sequence = 0;

beforeAll(async () => {
  smtp = await startSmtpServer();
  clock = mutableClock('2026-03-14T09:00:00.000Z');
  app = await createTestApp({ clock, config: { smtpUrl: smtp.url } });
  await app.services.settings.update({
    title: 'My Blog', commentManualApproval: true, commentPreviouslyApproved: false, commentNotifyModeration: true, commentNotifyAuthor: false,
    commentMinFillSeconds: 0, commentFloodSeconds: 0, commentIpLimitPerHour: 1_000_000, commentSpamThreshold: 100,
  });
  owners = [await createStaff(app, 'administrator'), await createStaff(app, 'administrator')];
  author = await buildAuthor(app, { displayName: 'Ada Author' });
});
afterEach(async () => {
  await drain();
  smtp.clear();
  await app.services.settings.update({ commentManualApproval: true, commentNotifyAuthor: false });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const drain = () => runJobsUntilIdle(app);

const mailsTo = (email: string): ReceivedMail[] => smtp.messages.filter((mail) => mail.to.includes(email));

async function comment(post: Pick<Post, 'id'>, fields: Partial<CommentSubmission> = {}, user?: User) {
  const n = ++sequence;
  return app.services.comments.submit(
    {
      postId: post.id, parentId: null, authorName: `Guest ${n}`, authorEmail: `guest${n}@example.test`, authorUrl: '',
      source: `Comment ${n}, worth reading.`, subscribe: 'none', subscribePosts: false, honeypot: '', formServedAt: undefined,
      ...fields,
    },
    { ip: `198.51.100.${++ip % 250}`, userAgent: 'vitest', ...(user ? { user } : {}) },
  );
}

/** The link of `mail` whose text label (in the text part: "LABEL: URL") is `label`, as a path for inject(). */
function actionLink(mail: ReceivedMail, label: string): string {
  const line = mail.text.split('\n').find((l) => l.startsWith(`${label}: `));
  expect(line, `"${label}" in "${mail.subject}"`).toBeDefined();
  const url = (line as string).slice(label.length + 2);
  expect(url.startsWith(`${SITE}/`)).toBe(true);
  return url.slice(SITE.length);
}

const statusOf = async (id: number): Promise<CommentStatus | undefined> => (await app.services.comments.find(id))?.status;
const request = (method: 'GET' | 'POST', url: string) => app.server.inject({ method, url });

describe('the mail about a held comment', () => {
  it('goes once to every administrator and to the post\'s author, with Approve, Spam and Trash links and the comments screen', async () => {
    const post = await buildPost(app, { title: 'Held up', author });
    const held = await comment(post, { authorName: 'Hal', authorEmail: 'hal@example.test', authorUrl: 'https://hal.example', source: 'I have opinions.' });
    expect(held.status).toBe('pending');
    await drain();
    await drain();

    for (const person of [...owners, author]) {
      const mails = mailsTo(person.email);
      expect(mails, person.email).toHaveLength(1);
      const [mail] = mails as [ReceivedMail];
      expect(mail.subject).toBe('[My Blog] Please moderate: "Held up"');
      expect(mail.text.split('\n').slice(0, 2)).toEqual(['A new comment on the post "Held up" is waiting for your approval', `${SITE}${permalinkOf(post)}`]);
      expect(mail.text).toContain('Author: Hal');
      expect(mail.text).toContain('Email: hal@example.test');
      expect(mail.text).toContain('URL: https://hal.example');
      expect(mail.text).toContain('> I have opinions.');
      for (const label of ['Approve it', 'Mark it as spam', 'Move it to the trash']) expect(actionLink(mail, label)).toMatch(/^\/comments\/moderate\/[\w-]+\.[\w-]+$/);
      expect(mail.text).toContain(`All comments: ${SITE}/admin/comments`);
      expect(mail.text).toContain('Currently 1 comment is waiting for approval.');
      expect(parseHtml(mail.html)(`a[href="${SITE}/admin/comments"]`).length).toBe(1);
    }
    expect(smtp.messages).toHaveLength(3);
  });

  it('is not sent when the setting is off, nor for spam or trash', async () => {
    const post = await buildPost(app, { author });
    await app.services.settings.update({ commentNotifyModeration: false });
    try {
      await comment(post);
      await drain();
      expect(smtp.messages).toEqual([]);
    } finally {
      await app.services.settings.update({ commentNotifyModeration: true });
    }
    await app.services.settings.update({ commentDisallowedKeys: 'forbidden-word', commentManualApproval: false });
    try {
      expect((await comment(post, { source: 'A forbidden-word here.' })).status).toBe('trash');
      await drain();
      expect(smtp.messages).toEqual([]);
    } finally {
      await app.services.settings.update({ commentDisallowedKeys: '' });
    }
  });

  it('is not sent when the comment was moderated before its mail went out', async () => {
    const post = await buildPost(app, { author });
    const held = await comment(post);
    await app.runner.runOnce(); // the fan-out: one queued mail per moderator
    await app.services.comments.setStatus(held.id, 'approved');
    await drain();
    expect(smtp.messages.filter((mail) => mail.subject.includes('Please moderate'))).toEqual([]);
  });
});

describe('the one-click links', () => {
  async function heldWithMail(fields: Partial<CommentSubmission> = {}) {
    const post = await buildPost(app, { title: 'Moderated', author });
    const held = await comment(post, fields);
    await drain();
    const mail = mailsTo(author.email)[0];
    expect(mail).toBeDefined();
    return { post, held, mail: mail as ReceivedMail };
  }

  it('Approve: the GET shows the comment and one button and changes nothing; the POST approves it', async () => {
    const { post, held, mail } = await heldWithMail({ authorName: 'Quinn', source: 'Approve me, please.' });
    const link = actionLink(mail, 'Approve it');

    const page = await request('GET', link);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const $ = parseHtml(page.body);
    expect($('main h1').text()).toBe('Approve comment?');
    expect($('main .signed-link-facts li').map((_, li) => $(li).text()).get()).toEqual(['Author: Quinn', 'Post: Moderated']);
    expect($('main blockquote').text()).toBe('Approve me, please.');
    expect($('main form[method="post"]').attr('action')).toBe(link);
    expect($('main form button').text()).toBe('Approve comment');
    expect(await statusOf(held.id)).toBe('pending');

    const done = await request('POST', link);
    expect(done.statusCode).toBe(200);
    expect(parseHtml(done.body)('main h1').text()).toBe('Comment approved');
    expect(parseHtml(done.body)(`main a[href="${permalinkOf(post)}#comment-${held.id}"]`).length).toBe(1);
    expect(await statusOf(held.id)).toBe('approved');

    // The link again: nothing left to do, and it says so.
    const again = await request('GET', link);
    expect(parseHtml(again.body)('main').text()).toContain('This comment is approved already.');
    expect(parseHtml(again.body)('main form').length).toBe(0);
  });

  it.each([
    ['Mark it as spam', 'spam', 'Comment marked as spam'],
    ['Move it to the trash', 'trash', 'Comment moved to the trash'],
  ] as const)('%s: the POST moves the comment to %s', async (label, status, heading) => {
    const { held, mail } = await heldWithMail();
    const link = actionLink(mail, label);
    expect((await request('GET', link)).statusCode).toBe(200);
    expect(await statusOf(held.id)).toBe('pending');
    const done = await request('POST', link);
    expect(done.statusCode).toBe(200);
    expect(parseHtml(done.body)('main h1').text()).toBe(heading);
    expect(await statusOf(held.id)).toBe(status);
  });

  it('refuses a forged or altered link (400) and an expired one (410) with a themed page, changing nothing', async () => {
    const { held, mail } = await heldWithMail();
    const approve = actionLink(mail, 'Approve it');
    const token = approve.split('/').at(-1) as string;
    const [body, signature] = token.split('.') as [string, string];
    // The same data signed with another secret, and the approve token's data turned into "trash" under its old signature.
    const forged = createSigner('not the site secret').sign('moderate', { c: held.id, a: 'approve' }, clock.now().getTime() + DAY);
    const swapped = Buffer.from(Buffer.from(body, 'base64url').toString('utf8').replace('"approve"', '"trash"')).toString('base64url');
    for (const bad of [forged, `${swapped}.${signature}`, `${body}.${signature.slice(1)}`]) {
      for (const method of ['GET', 'POST'] as const) {
        const response = await request(method, `/comments/moderate/${bad}`);
        expect(response.statusCode, `${method} ${bad}`).toBe(400);
        expect(parseHtml(response.body)('main .error-page p').first().text()).toContain('/admin/comments');
        expectNoInternals(response.body);
      }
    }
    expect(await statusOf(held.id)).toBe('pending');

    clock.advance(14 * DAY + 60_000);
    for (const method of ['GET', 'POST'] as const) {
      const response = await request(method, approve);
      expect(response.statusCode).toBe(410);
      expect(parseHtml(response.body)('main .error-page p').first().text()).toMatch(/expired.*\/admin\/comments/);
    }
    expect(await statusOf(held.id)).toBe('pending');
  });

  it('answers 404 for a comment deleted since the mail was sent', async () => {
    const { held, mail } = await heldWithMail();
    await app.services.comments.deletePermanently(held.id);
    for (const method of ['GET', 'POST'] as const) {
      expect((await request(method, actionLink(mail, 'Approve it'))).statusCode).toBe(404);
    }
  });
});

describe('mail about every new comment (commentNotifyAuthor)', () => {
  it('tells the owners and the post\'s author of an approved comment, with Spam and Trash links but no Approve', async () => {
    await app.services.settings.update({ commentManualApproval: false, commentNotifyAuthor: true });
    const post = await buildPost(app, { title: 'Open house', author });
    const published = await comment(post, { authorName: 'Nell' });
    expect(published.status).toBe('approved');
    await drain();
    for (const person of [...owners, author]) {
      const [mail, ...more] = mailsTo(person.email);
      expect(more).toEqual([]);
      expect(mail?.subject).toBe('[My Blog] Comment: "Open house"');
      expect(mail?.text.split('\n').slice(0, 2)).toEqual(['New comment on your post "Open house"', `${SITE}${permalinkOf(post)}#comment-${published.id}`]);
      expect(mail?.text).not.toContain('Approve it: ');
      expect(actionLink(mail as ReceivedMail, 'Mark it as spam')).toMatch(/^\/comments\/moderate\//);
      expect(actionLink(mail as ReceivedMail, 'Move it to the trash')).toMatch(/^\/comments\/moderate\//);
    }
  });

  it('does not tell the post\'s author of their own comment', async () => {
    await app.services.settings.update({ commentManualApproval: false, commentNotifyAuthor: true });
    const post = await buildPost(app, { author });
    await comment(post, {}, author);
    await drain();
    expect(mailsTo(author.email)).toEqual([]);
    for (const owner of owners) expect(mailsTo(owner.email)).toHaveLength(1);
  });
});

describe('escaping', () => {
  it('keeps user HTML inert in the moderation mail and on the page its link opens', async () => {
    const post = await buildPost(app, { title: 'Escapes <i>here</i>', author });
    const payload = '<script>alert(1)</script>';
    await comment(post, { authorName: payload, authorUrl: 'https://x.example/"><script>alert(2)</script>', source: 'Hi <img src=x onerror=alert(3)>' });
    await drain();
    const mail = mailsTo(author.email)[0] as ReceivedMail;
    expect(mail.text).toContain(`Author: ${payload}`);
    const $ = parseHtml(mail.html);
    expect($('script, img, i').length).toBe(0);
    expect($('*').filter((_, el) => Object.keys((el as { attribs?: object }).attribs ?? {}).some((name) => name.startsWith('on'))).length).toBe(0);
    expect($('body').text()).toContain(`Author: ${payload}`);
    expect($('body').text()).toContain('Escapes <i>here</i>');

    const page = await request('GET', actionLink(mail, 'Approve it'));
    const $page = parseHtml(page.body);
    expect($page('main script, main img').length).toBe(0);
    expect($page('main .signed-link-facts li').first().text()).toBe(`Author: ${payload}`);
  });
});
