// The moderation mail under a flood, read from a real SMTP server (test/support/smtp.ts): one mail per held comment
// on a normal site; past the rate, one digest per moderator and ten minutes, listing what still waits, whose signed
// links work as the single mail's do; and single mails again once the flood is over. The clock is moved by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentStatus, SubmittedComment } from '../../src/features/comments/index.js';
import type { Post } from '../../src/features/posts/index.js';
import type { User } from '../../src/features/users/index.js';
import { COMMENT_MODERATION_DIGEST_JOB } from '../../src/jobs/handlers/comment-moderation-digest.js';
import { MODERATION_MAIL_RATE, digestBucketOf, digestDedupeKey } from '../../src/jobs/handlers/moderation-mail-throttle.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildAuthor, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { createStaff } from '../support/session.js';
import { type ReceivedMail, type TestSmtpServer, startSmtpServer } from '../support/smtp.js';
import { runJobsUntilIdle } from '../support/jobs.js';

const SITE = 'http://blog.test';
const RATE = MODERATION_MAIL_RATE.mailsPerWindow;
const SINGLE = 'Please moderate';
const DIGEST = 'waiting for your approval';

let smtp: TestSmtpServer;
let clock: MutableClock;
let app: TestApp;
let owners: User[];
let author: User;
let otherAuthor: User;
let sequence = 0;
/** The number in each comment's name, e-mail and text ("Guest 7"), by comment id. */
const numberOf = new Map<number, number>();

beforeAll(async () => {
  smtp = await startSmtpServer();
  clock = mutableClock('2026-03-14T09:00:00.000Z');
  app = await createTestApp({ clock, config: { smtpUrl: smtp.url } });
  await app.services.settings.update({
    title: 'My Blog', commentManualApproval: true, commentPreviouslyApproved: false, commentNotifyModeration: true, commentNotifyAuthor: false,
    commentMinFillSeconds: 0, commentFloodSeconds: 0, commentIpLimitPerHour: 1_000_000, commentSiteLimitPerMinute: 1_000_000,
    commentSpamThreshold: 100,
  });
  owners = [await createStaff(app, 'administrator'), await createStaff(app, 'administrator')];
  author = await buildAuthor(app, { displayName: 'Ada Author' });
  otherAuthor = await buildAuthor(app, { displayName: 'Bo Author' });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const drain = () => runJobsUntilIdle(app);

async function comment(post: Pick<Post, 'id'>, fields: { authorName?: string; source?: string } = {}): Promise<SubmittedComment> {
  const n = ++sequence;
  const held = await app.services.comments.submit(
    {
      postId: post.id, parentId: null, authorName: fields.authorName ?? `Guest ${n}`, authorEmail: `guest${n}@example.test`, authorUrl: '',
      source: fields.source ?? `Comment ${n}, worth reading.`, subscribe: 'none', subscribePosts: false, honeypot: '', formServedAt: undefined,
    },
    { ip: `198.51.100.${n % 250}`, userAgent: 'vitest' },
  );
  expect(held.status).toBe('pending');
  numberOf.set(held.id, n);
  return held;
}

const mailsTo = (person: User, kind: string): ReceivedMail[] =>
  smtp.messages.filter((mail) => mail.to.includes(person.email) && mail.subject.includes(kind));
const statusOf = async (id: number): Promise<CommentStatus | undefined> => (await app.services.comments.find(id))?.status;
const request = (method: 'GET' | 'POST', url: string) => app.server.inject({ method, url });

/** The comment a single moderation mail is about: the id inside its signed Approve link. */
function commentIdOf(mail: ReceivedMail): number {
  const url = mail.text.split('\n').find((line) => line.startsWith('Approve it: '));
  const data = (url ?? '').split('/').at(-1)?.split('.')[0] ?? '';
  return (JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as { d: { c: number } }).d.c;
}

/** The comment ids a digest lists, in order. */
const listedIds = (mail: ReceivedMail): number[] =>
  parseHtml(mail.html)('li[id^="digest-comment-"]').map((_, li) => Number(li.attribs.id?.replace('digest-comment-', ''))).get();

/** The link labelled `label` of one listed comment, as a path for inject(); the text part carries the same link. */
function digestLink(mail: ReceivedMail, commentId: number, label: string): string {
  const $ = parseHtml(mail.html);
  const href = $(`li#digest-comment-${commentId} a`).filter((_, a) => $(a).text() === label).attr('href');
  expect(href, `"${label}" of comment ${commentId}`).toMatch(new RegExp(`^${SITE}/comments/moderate/[\\w-]+\\.[\\w-]+$`));
  expect(mail.text).toContain(`${label}: ${href}`);
  return (href as string).slice(SITE.length);
}

describe('on a normal site', () => {
  it('each held comment is one mail to every administrator and to the post\'s author, and no digest is queued', async () => {
    const post = await buildPost(app, { title: 'Quiet morning', author });
    for (let i = 0; i < 3; i++) {
      await comment(post);
      await drain();
      clock.advance(60_000);
    }
    clock.set('2026-03-14T09:10:00.000Z');
    await drain();
    for (const person of [...owners, author]) {
      expect(mailsTo(person, SINGLE), person.email).toHaveLength(3);
      expect(await app.jobs.findByDedupeKey(digestDedupeKey(person.id, '2026-03-14T09:00:00.000Z'))).toBeUndefined();
    }
    expect(smtp.messages.filter((mail) => mail.subject.includes(DIGEST))).toEqual([]);
    expect(smtp.messages).toHaveLength(9);
  });
});

describe('under a flood of held comments', () => {
  const FLOOD_START = '2026-03-15T09:00:00.000Z';
  let flooded: Post;
  let quiet: Post;
  let flood: SubmittedComment[];
  let approvedEarly: SubmittedComment;
  let hostile: SubmittedComment;
  /** The comments each person was mailed about one by one during the flood (read from the mails' Approve links). */
  const mailed = new Map<number, number[]>();
  const mailedOneByOne = (person: User): number[] => mailed.get(person.id) ?? [];
  const isFor = (person: User, c: SubmittedComment) => person.role === 'administrator' || c.postId === (person.id === author.id ? flooded.id : quiet.id);
  const stillWaitingFor = (person: User) =>
    flood.filter((c) => isFor(person, c) && !mailedOneByOne(person).includes(c.id) && c.id !== approvedEarly.id).map((c) => c.id);

  beforeAll(async () => {
    smtp.clear();
    clock.set(FLOOD_START);
    flooded = await buildPost(app, { title: 'Hot <i>take</i>', author });
    quiet = await buildPost(app, { title: 'Side note', author: otherAuthor });
    flood = [];
    // 40 comments in four minutes, five on the other author's post; the runner takes them in batches as they come.
    for (let i = 0; i < 40; i++) {
      const hostileOne = i === 14;
      const held = await comment(i % 8 === 7 ? quiet : flooded, hostileOne ? { authorName: '<script>alert(1)</script>', source: 'Hi <img src=x onerror=alert(2)>' } : {});
      if (hostileOne) hostile = held;
      flood.push(held);
      clock.advance(6_000);
      if (i % 4 === 3) await drain();
    }
    for (const person of [...owners, author, otherAuthor]) mailed.set(person.id, mailsTo(person, SINGLE).map(commentIdOf));
    // Batches run concurrently, so which of the first comments were mailed one by one varies; from the 13th on, none was.
    approvedEarly = flood[12] as SubmittedComment;
    await app.services.comments.setStatus(approvedEarly.id, 'approved');
    await drain();
  });

  it('mails each moderator one by one only up to the rate, and holds the digest until its ten minutes end', async () => {
    for (const person of [...owners, author]) {
      expect(mailsTo(person, SINGLE).length, person.email).toBe(RATE);
      expect(new Set(mailedOneByOne(person)).size).toBe(RATE);
      expect(mailedOneByOne(person)).not.toContain(approvedEarly.id);
      const digest = await app.jobs.findByDedupeKey(digestDedupeKey(person.id, FLOOD_START));
      expect(digest).toMatchObject({ kind: COMMENT_MODERATION_DIGEST_JOB, status: 'queued', runAt: '2026-03-15T09:10:00.000Z' });
    }
    // Five comments on the quiet post: its author is under the rate and heard of each.
    expect(mailsTo(otherAuthor, SINGLE)).toHaveLength(5);
    expect(await app.jobs.findByDedupeKey(digestDedupeKey(otherAuthor.id, FLOOD_START))).toBeUndefined();
    expect(smtp.messages.filter((mail) => mail.subject.includes(DIGEST))).toEqual([]);
  });

  it('sends one digest per moderator when the ten minutes end, listing the comments still pending that they were not mailed about', async () => {
    smtp.clear();
    clock.set('2026-03-15T09:10:00.000Z');
    await drain();
    for (const person of [...owners, author]) {
      const digests = mailsTo(person, DIGEST);
      expect(digests, person.email).toHaveLength(1);
      const [digest] = digests as [ReceivedMail];
      const waiting = stillWaitingFor(person);
      expect(digest.subject).toBe(`[My Blog] ${waiting.length} comments are waiting for your approval`);
      expect(listedIds(digest)).toEqual(waiting.slice(0, 10));
      expect(listedIds(digest)).not.toContain(approvedEarly.id);
      expect(digest.text).toContain('held between 09:00 and 09:10 UTC on 2026-03-15');
      expect(digest.text).toContain(`${waiting.length - 10} more are not listed here`);
      expect(digest.text).toContain(`All comments: ${SITE}/admin/comments`);
      expect(parseHtml(digest.html)(`a[href="${SITE}/admin/comments"]`).length).toBe(1);
    }
    expect(mailsTo(otherAuthor, DIGEST)).toEqual([]);
    expect(smtp.messages).toHaveLength(3);
  });

  it('says for each listed comment the post, who wrote it and what, with user text inert in the HTML', async () => {
    const digest = mailsTo(author, DIGEST)[0] as ReceivedMail;
    const first = stillWaitingFor(author)[0] as number;
    const n = numberOf.get(first);
    expect(digest.text).toContain(`1. On "Hot <i>take</i>" (${SITE}${permalinkOf(flooded)})`);
    expect(digest.text).toContain(`Author: Guest ${n} <guest${n}@example.test>\n> Comment ${n}, worth reading.`);
    expect(listedIds(digest)).toContain(hostile.id);
    expect(digest.text).toContain('Author: <script>alert(1)</script>');
    const $ = parseHtml(digest.html);
    expect($('script, img, i').length).toBe(0);
    expect($('*').filter((_, el) => Object.keys((el as { attribs?: object }).attribs ?? {}).some((name) => name.startsWith('on'))).length).toBe(0);
    expect($(`li#digest-comment-${hostile.id}`).text()).toContain('<script>alert(1)</script>');
    expect($(`li#digest-comment-${first} a[href="${SITE}${permalinkOf(flooded)}"]`).text()).toBe('Hot <i>take</i>');
  });

  it('links each listed comment to Approve, Spam and Trash: the GET shows a button and changes nothing, the POST acts', async () => {
    const digest = mailsTo(owners[0] as User, DIGEST)[0] as ReceivedMail;
    const [a, b, c] = listedIds(digest) as [number, number, number];
    const approve = digestLink(digest, a, 'Approve it');
    const page = await request('GET', approve);
    expect(page.statusCode).toBe(200);
    const $ = parseHtml(page.body);
    expect($('main h1').text()).toBe('Approve comment?');
    expect($('main form[method="post"]').attr('action')).toBe(approve);
    expect(await statusOf(a)).toBe('pending');
    expect((await request('POST', approve)).statusCode).toBe(200);
    expect(await statusOf(a)).toBe('approved');

    for (const [id, label, status] of [[b, 'Mark it as spam', 'spam'], [c, 'Move it to the trash', 'trash']] as const) {
      const link = digestLink(digest, id, label);
      expect((await request('GET', link)).statusCode).toBe(200);
      expect(await statusOf(id)).toBe('pending');
      expect((await request('POST', link)).statusCode).toBe(200);
      expect(await statusOf(id)).toBe(status);
    }
  });

  it('keeps a comment held soon after the flood for the next digest, which is not sent once nothing in it waits', async () => {
    smtp.clear();
    // A digest was begun at 09:01, so until 09:11 every held comment still goes to a digest (the 09:10 one).
    clock.set('2026-03-15T09:10:30.000Z');
    const late = await comment(flooded);
    await drain();
    expect(smtp.messages).toEqual([]);
    for (const person of [...owners, author]) {
      expect(await app.jobs.findByDedupeKey(digestDedupeKey(person.id, '2026-03-15T09:10:00.000Z'))).toMatchObject({ status: 'queued' });
    }
    await app.services.comments.setStatus(late.id, 'trash');
    clock.set('2026-03-15T09:20:00.000Z');
    await drain();
    expect(smtp.messages).toEqual([]);
    for (const person of [...owners, author]) {
      expect(await app.jobs.findByDedupeKey(digestDedupeKey(person.id, '2026-03-15T09:10:00.000Z'))).toMatchObject({ status: 'done' });
    }
  });

  it('mails a single held comment on its own again once ten minutes pass without a digest begun', async () => {
    smtp.clear();
    clock.set('2026-03-15T09:21:00.000Z');
    const single = await comment(flooded, { source: 'Calm again.' });
    await drain();
    for (const person of [...owners, author]) {
      const [mail, ...more] = mailsTo(person, SINGLE);
      expect(more, person.email).toEqual([]);
      expect(mail?.text).toContain('> Calm again.');
      expect(await app.jobs.findByDedupeKey(digestDedupeKey(person.id, '2026-03-15T09:20:00.000Z'))).toBeUndefined();
    }
    clock.set('2026-03-15T09:30:00.000Z');
    await drain();
    expect(smtp.messages.filter((mail) => mail.subject.includes(DIGEST))).toEqual([]);
    expect(await statusOf(single.id)).toBe('pending');
  });
});

describe('the ten-minute stretches', () => {
  it('are aligned on the clock, the start inclusive and the end exclusive', () => {
    expect(digestBucketOf('2026-03-14T09:00:00.000Z')).toEqual({ start: '2026-03-14T09:00:00.000Z', end: '2026-03-14T09:10:00.000Z' });
    expect(digestBucketOf('2026-03-14T09:09:59.999Z')).toEqual({ start: '2026-03-14T09:00:00.000Z', end: '2026-03-14T09:10:00.000Z' });
    expect(digestBucketOf('2026-03-14T09:10:00.000Z').start).toBe('2026-03-14T09:10:00.000Z');
  });
});
