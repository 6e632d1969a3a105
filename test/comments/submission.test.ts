// services.comments.submit on a real database: every discussion rule on and off, each refusal writing nothing, and the jobs that follow.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CommentSubmission, type SubmissionContext, hashIp } from '../../src/features/comments/index.js';
import type { Post } from '../../src/features/posts/index.js';
import type { SiteSettings } from '../../src/features/settings/index.js';
import type { User } from '../../src/features/users/index.js';
import type { ErrorKind } from '../../src/kernel/errors.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildAuthor, buildPost } from '../support/factories.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MAIL_MODERATORS = 'comments.mail-moderators';
const NOTIFY_SUBSCRIBERS = 'comments.notify-subscribers';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0';

/** Every rule neutral (nothing held, no flood check, limits out of reach): each test turns on the one it is about. */
const NEUTRAL: Partial<SiteSettings> = {
  commentRequireNameEmail: true, commentRequireRegistration: false, commentManualApproval: false, commentPreviouslyApproved: false,
  commentMaxLinks: 2, commentModerationKeys: '', commentDisallowedKeys: '', commentCloseAfterDays: 0, commentFloodSeconds: 0,
  commentMinFillSeconds: 3, commentIpLimitPerHour: 1_000_000, commentSiteLimitPerMinute: 1_000_000, commentSpamThreshold: 5,
  commentNotifyAuthor: true, commentNotifyModeration: true,
};

let app: TestApp;
let clock: MutableClock;
let post: Post;
let editor: User;
let defaults: SiteSettings;
let sequence = 0;
const unique = () => ++sequence;
/** A fresh address per call, so flood and rate limits by IP stay out of tests that are not about them. */
const nextIp = () => {
  const n = unique();
  return `10.${(n >> 8) & 255}.${n & 255}.1`;
};

/** A form as a person fills it: unique name, e-mail and text, served 30 s ago. */
function form(change: Partial<CommentSubmission> = {}): CommentSubmission {
  const n = unique();
  return {
    postId: post.id, parentId: null, authorName: `Reader ${n}`, authorEmail: `reader${n}@example.test`, authorUrl: '',
    source: `A thoughtful remark, number ${n}, about cutting dovetails.`, subscribe: 'none', subscribePosts: false, honeypot: '',
    formServedAt: clock.now().getTime() - 30_000, ...change,
  };
}

function submit(change: Partial<CommentSubmission> = {}, context: Partial<SubmissionContext> = {}) {
  return app.services.comments.submit(form(change), { ip: nextIp(), userAgent: BROWSER, ...context });
}

const setRules = (change: Partial<SiteSettings>) => app.services.settings.update(change);

async function countRows(table: 'comments' | 'jobs'): Promise<number> {
  const row = await app.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The refusal has this code and kind (and details), and neither a comment nor a job was written. */
async function expectRefused(attempt: () => Promise<unknown>, code: string, kind: ErrorKind, details?: Record<string, unknown>) {
  const before = { comments: await countRows('comments'), jobs: await countRows('jobs') };
  await expect(attempt()).rejects.toMatchObject({ code, kind, ...(details ? { details: expect.objectContaining(details) } : {}) });
  expect({ comments: await countRows('comments'), jobs: await countRows('jobs') }).toEqual(before);
}

/** The kinds of the jobs queued about one comment, sorted. */
async function jobKindsOf(commentId: number): Promise<string[]> {
  const rows = await app.db.kysely.selectFrom('jobs').select(['kind', 'payload']).execute();
  return rows
    .filter((row) => (JSON.parse(row.payload) as { commentId?: number } | null)?.commentId === commentId)
    .map((row) => row.kind)
    .sort();
}

const storedRow = (id: number) => app.db.kysely.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  clock = mutableClock('2027-03-01T09:00:00Z');
  app = await createTestApp({ clock });
  defaults = await app.services.settings.get();
  post = await buildPost(app, { title: 'Cutting dovetails by hand' });
  editor = await buildAuthor(app, { role: 'editor', displayName: 'Edna Editor' });
});

afterAll(() => app.close());

beforeEach(async () => {
  await setRules(NEUTRAL);
});

describe('the defaults', () => {
  it("are WordPress's: name and e-mail required, previously approved, 2 links, 15 s flood, 3 s fill, spam at 5", () => {
    expect(defaults).toMatchObject({
      commentRequireNameEmail: true, commentRequireRegistration: false, commentManualApproval: false, commentPreviouslyApproved: true,
      commentMaxLinks: 2, commentCloseAfterDays: 0, commentFloodSeconds: 15, commentMinFillSeconds: 3, commentSpamThreshold: 5,
    });
  });
});

describe('moderation rules', () => {
  it('manual approval on holds a clean comment; off approves it', async () => {
    expect((await submit()).status).toBe('approved');
    await setRules({ commentManualApproval: true });
    expect((await submit()).status).toBe('pending');
  });

  it('"previously approved" holds a first comment, approves the same e-mail once one is approved; off, approves a first comment', async () => {
    await setRules({ commentPreviouslyApproved: true });
    const email = `returning${unique()}@example.test`;
    const first = await submit({ authorEmail: email });
    expect(first.status).toBe('pending');
    expect((await submit({ authorEmail: email })).status).toBe('pending');
    await app.services.comments.setStatus(first.id, 'approved');
    expect((await submit({ authorEmail: email.toUpperCase() })).status).toBe('approved');
    expect((await submit()).status).toBe('pending');
    await setRules({ commentPreviouslyApproved: false });
    expect((await submit()).status).toBe('approved');
  });

  it('holds a comment with N links or more, approves N-1, and never holds for links at 0', async () => {
    const links = (count: number) => ({
      source: `Three write-ups worth reading, ${unique()}: ${Array.from({ length: count }, (_, i) => `https://l${i}.example/`).join(' and ')}.`,
    });
    await setRules({ commentMaxLinks: 3 });
    expect((await submit(links(2))).status).toBe('approved');
    expect((await submit(links(3))).status).toBe('pending');
    await setRules({ commentMaxLinks: 0 });
    expect((await submit(links(3))).status).toBe('approved');
  });

  /** The same comment with `word` in each of the six places WordPress's word lists look. */
  const placements = (word: string, ip: string): [string, Partial<CommentSubmission>, Partial<SubmissionContext>][] => [
    ['content', { source: `Mind the ${word.toUpperCase()} near the bench, ${unique()}.` }, {}],
    ['name', { authorName: `Ann ${word}` }, {}],
    ['url', { authorUrl: `https://${word}.example/` }, {}],
    ['email', { authorEmail: `${word}${unique()}@example.test` }, {}],
    ['IP', {}, { ip }],
    ['user agent', {}, { userAgent: `Mozilla/5.0 ${word}/1.0` }],
  ];

  it('moderation words in the content, name, url, email, IP or user agent hold the comment; an empty list holds nothing', async () => {
    for (const [where, change, context] of placements('pinecone', '203.0.113.77')) {
      await setRules({ commentModerationKeys: 'unrelated\nPineCone\n203.0.113.' });
      expect((await submit(change, context)).status, where).toBe('pending');
      await setRules({ commentModerationKeys: '' });
      expect((await submit(change, context)).status, where).toBe('approved');
    }
  });

  it('disallowed words anywhere send the comment to the trash, with no job queued', async () => {
    for (const [where, change, context] of placements('brambles', '198.18.0.9')) {
      await setRules({ commentDisallowedKeys: 'Brambles\n198.18.' });
      const trashed = await submit(change, context);
      expect(trashed.status, where).toBe('trash');
      expect(await jobKindsOf(trashed.id), where).toEqual([]);
      await setRules({ commentDisallowedKeys: '' });
      expect((await submit(change, context)).status, where).toBe('approved');
    }
  });

  it('a spam score at the threshold marks the comment spam (stored with its score, no job); a higher threshold lets it through', async () => {
    const pills = () => ({ authorName: 'Pharmacy', source: `Buy cheap viagra and cialis ${unique()}: https://pills.example/ https://more.example/` });
    await setRules({ commentMaxLinks: 0 });
    const spam = await submit(pills());
    expect(spam.status).toBe('spam');
    expect((await storedRow(spam.id)).spamScore).toBeGreaterThanOrEqual(5);
    expect(await jobKindsOf(spam.id)).toEqual([]);
    await setRules({ commentSpamThreshold: 100 });
    expect((await submit(pills())).status).toBe('approved');
  });

  it('approves staff (an editor) past every hold and skips the flood, fill-time and rate checks', async () => {
    await setRules({
      commentManualApproval: true, commentPreviouslyApproved: true, commentMaxLinks: 1, commentModerationKeys: 'remark',
      commentFloodSeconds: 15, commentMinFillSeconds: 3, commentIpLimitPerHour: 1, commentSiteLimitPerMinute: 1,
    });
    const ip = nextIp();
    for (let i = 0; i < 3; i++) {
      const staff = await app.services.comments.submit(
        form({ source: `Editor's remark ${unique()} with https://a.example/`, formServedAt: undefined }),
        { ip, userAgent: BROWSER, user: editor },
      );
      expect(staff).toMatchObject({ status: 'approved', fields: { authorName: 'Edna Editor', authorEmail: editor.email } });
    }
    const author = await buildAuthor(app);
    await expectRefused(
      () => app.services.comments.submit(form({ formServedAt: undefined }), { ip: nextIp(), userAgent: BROWSER, user: author }),
      'COMMENT_TOO_FAST', 'rate_limited',
    );
  });
});

describe('where comments may go', () => {
  it('closes comments N days after publication, and never with 0', async () => {
    const fresh = await buildPost(app);
    await setRules({ commentCloseAfterDays: 14 });
    clock.advance(14 * DAY - MINUTE);
    expect((await submit({ postId: fresh.id })).status).toBe('approved');
    clock.advance(MINUTE);
    await expectRefused(() => submit({ postId: fresh.id }), 'COMMENTS_CLOSED', 'forbidden');
    await setRules({ commentCloseAfterDays: 0 });
    clock.advance(400 * DAY);
    expect((await submit({ postId: fresh.id })).status).toBe('approved');
  });

  it('refuses a post whose comments are closed, a draft, and a post that does not exist', async () => {
    const closed = await buildPost(app, { commentStatus: 'closed' });
    await expectRefused(() => submit({ postId: closed.id }), 'COMMENTS_CLOSED', 'forbidden');
    const draft = await buildPost(app, { status: 'draft' });
    await expectRefused(() => submit({ postId: draft.id }), 'COMMENT_POST_NOT_FOUND', 'not_found');
    await expectRefused(() => submit({ postId: 987_654 }), 'COMMENT_POST_NOT_FOUND', 'not_found');
  });

  it('takes replies to approved comments of the same post only', async () => {
    const parent = await submit();
    expect((await submit({ parentId: parent.id })).parentId).toBe(parent.id);
    await setRules({ commentManualApproval: true });
    const held = await submit();
    await expectRefused(() => submit({ parentId: held.id }), 'COMMENT_PARENT_INVALID', 'invalid');
    const elsewhere = await buildPost(app);
    await expectRefused(() => submit({ postId: elsewhere.id, parentId: parent.id }), 'COMMENT_PARENT_INVALID', 'invalid');
    await expectRefused(() => submit({ parentId: 987_654 }), 'COMMENT_PARENT_INVALID', 'invalid');
  });
});

describe('who may comment', () => {
  it('with registration required refuses guests and takes a signed-in reader under their account; off, takes guests', async () => {
    await setRules({ commentRequireRegistration: true });
    await expectRefused(() => submit(), 'COMMENT_SIGN_IN_REQUIRED', 'unauthenticated');
    const member = await buildAuthor(app, { role: 'subscriber', displayName: 'Sam Subscriber' });
    const signedIn = await app.services.comments.submit(form({ authorName: 'Not Sam' }), { ip: nextIp(), userAgent: BROWSER, user: member });
    expect(signedIn.fields).toMatchObject({ authorName: 'Sam Subscriber', authorEmail: member.email });
    expect((await storedRow(signedIn.id)).userId).toBe(member.id);
    await setRules({ commentRequireRegistration: false });
    expect((await submit()).status).toBe('approved');
  });

  it('with "name and email required" off takes an anonymous comment; on, names both missing fields', async () => {
    await setRules({ commentRequireNameEmail: false });
    const anonymous = await submit({ authorName: '', authorEmail: '' });
    expect(await storedRow(anonymous.id)).toMatchObject({ authorName: 'Anonymous', authorEmail: '' });
    await setRules({ commentRequireNameEmail: true });
    await expectRefused(() => submit({ authorName: '', authorEmail: '' }), 'COMMENT_FIELDS_INVALID', 'invalid', {
      fields: { authorName: expect.any(String), authorEmail: expect.any(String) },
    });
  });

  it('refuses a field over its length with COMMENT_TOO_LONG', async () => {
    await expectRefused(() => submit({ source: 'x'.repeat(65_526) }), 'COMMENT_TOO_LONG', 'too_large');
  });
});

describe('defences against floods and machines', () => {
  it('refuses a second comment within 15 s from the same IP or the same e-mail; 0 turns the check off', async () => {
    await setRules({ commentFloodSeconds: 15 });
    const ip = nextIp();
    const email = `quick${unique()}@example.test`;
    await submit({ authorEmail: email }, { ip });
    clock.advance(5_000);
    await expectRefused(() => submit({}, { ip }), 'COMMENT_FLOOD', 'rate_limited', { retryAfter: 10 });
    await expectRefused(() => submit({ authorEmail: email }), 'COMMENT_FLOOD', 'rate_limited', { retryAfter: 10 });
    clock.advance(10_000);
    expect((await submit({}, { ip })).status).toBe('approved');
    await setRules({ commentFloodSeconds: 0 });
    expect((await submit({ authorEmail: email }, { ip })).status).toBe('approved');
  });

  it('refuses the same text twice on the same post from the same author, but not as replies to two people', async () => {
    const said = { authorEmail: `twice${unique()}@example.test`, source: `Thank you! ${unique()}` };
    const first = await submit(said);
    await expectRefused(() => submit(said), 'COMMENT_DUPLICATE', 'conflict');
    expect((await submit({ ...said, postId: (await buildPost(app)).id })).status).toBe('approved');
    const [ann, bob] = [await submit(), await submit()];
    const thanks = { authorEmail: said.authorEmail, source: 'Thank you, that helps!' };
    await submit({ ...thanks, parentId: ann.id });
    await submit({ ...thanks, parentId: bob.id });
    await expectRefused(() => submit({ ...thanks, parentId: bob.id }), 'COMMENT_DUPLICATE', 'conflict');
    await app.services.comments.setStatus(first.id, 'trash');
    expect((await submit(said)).status).toBe('approved');
  });

  it('without an e-mail address, a duplicate is the same text under the same name', async () => {
    await setRules({ commentRequireNameEmail: false });
    const said = { authorName: `Nameless ${unique()}`, authorEmail: '', source: `Same words ${unique()}` };
    await submit(said);
    await expectRefused(() => submit(said), 'COMMENT_DUPLICATE', 'conflict');
    expect((await submit({ ...said, authorName: 'Someone else' })).status).toBe('approved');
  });

  it('refuses a form sent sooner than 3 s after it was served, or without its stamp; 0 turns the check off', async () => {
    const servedAgo = (ms: number) => ({ formServedAt: clock.now().getTime() - ms });
    await expectRefused(() => submit(servedAgo(2_000)), 'COMMENT_TOO_FAST', 'rate_limited', { retryAfter: 1 });
    await expectRefused(() => submit({ formServedAt: undefined }), 'COMMENT_TOO_FAST', 'rate_limited', { retryAfter: 3 });
    await expectRefused(() => submit({ formServedAt: Number.NaN }), 'COMMENT_TOO_FAST', 'rate_limited');
    expect((await submit(servedAgo(3_000))).status).toBe('approved');
    await setRules({ commentMinFillSeconds: 0 });
    expect((await submit({ formServedAt: undefined })).status).toBe('approved');
    expect((await submit(servedAgo(0))).status).toBe('approved');
  });

  it('refuses a filled honeypot, and takes an empty or blank one', async () => {
    await expectRefused(() => submit({ honeypot: 'https://spam.example/' }), 'COMMENT_REJECTED', 'invalid');
    expect((await submit({ honeypot: '' })).status).toBe('approved');
    expect((await submit({ honeypot: '   ' })).status).toBe('approved');
    expect((await submit({ honeypot: undefined })).status).toBe('approved');
  });

  it('refuses more comments from one IP than the hourly limit until the hour is over; a higher limit lets them through', async () => {
    clock.advance(2 * HOUR);
    await setRules({ commentIpLimitPerHour: 2 });
    const ip = nextIp();
    await submit({}, { ip });
    await submit({}, { ip });
    await expectRefused(() => submit({}, { ip }), 'COMMENT_RATE_LIMITED', 'rate_limited', { retryAfter: 3600 });
    expect((await submit()).status).toBe('approved');
    await setRules({ commentIpLimitPerHour: 10 });
    expect((await submit({}, { ip })).status).toBe('approved');
    await setRules({ commentIpLimitPerHour: 2 });
    clock.advance(HOUR);
    expect((await submit({}, { ip })).status).toBe('approved');
  });

  it('refuses more comments site-wide than the per-minute limit until the minute is over', async () => {
    clock.advance(2 * HOUR);
    await setRules({ commentSiteLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) await submit();
    await expectRefused(() => submit(), 'COMMENT_RATE_LIMITED', 'rate_limited', { retryAfter: 60 });
    clock.advance(MINUTE);
    expect((await submit()).status).toBe('approved');
  });
});

describe('bans', () => {
  const banned = () => 'COMMENT_AUTHOR_BANNED';

  it('refuses a banned e-mail address (any case) and every address of a banned @domain', async () => {
    await app.services.comments.ban({ kind: 'email', value: 'Troll@Example.test', reason: 'insults' }, editor.id);
    await expectRefused(() => submit({ authorEmail: 'troll@example.test' }), banned(), 'forbidden');
    await expectRefused(() => submit({ authorEmail: 'TROLL@example.TEST' }), banned(), 'forbidden');
    await app.services.comments.ban({ kind: 'email', value: '@spam.test', reason: 'a spam domain' }, editor.id);
    await expectRefused(() => submit({ authorEmail: `x${unique()}@spam.test` }), banned(), 'forbidden');
    expect((await submit({ authorEmail: `x${unique()}@notspam.test` })).status).toBe('approved');
  });

  it('refuses addresses in a banned IP range or a banned single address, and no others', async () => {
    await app.services.comments.ban({ kind: 'ip', value: '192.0.2.0/24', reason: 'a spam network' }, editor.id);
    await app.services.comments.ban({ kind: 'ip', value: '2001:db8:bad::7', reason: 'one address' }, editor.id);
    await expectRefused(() => submit({}, { ip: '192.0.2.200' }), banned(), 'forbidden');
    await expectRefused(() => submit({}, { ip: '2001:db8:bad:0::7' }), banned(), 'forbidden');
    expect((await submit({}, { ip: '192.0.3.1' })).status).toBe('approved');
    expect((await submit({}, { ip: '2001:db8:bad::8' })).status).toBe('approved');
  });

  it("refuses the IP hash of a stored comment (a ban made from the moderation list), and a banned account", async () => {
    const ip = nextIp();
    const earlier = await submit({}, { ip });
    const ipHash = (await storedRow(earlier.id)).ipHash ?? '';
    await app.services.comments.ban({ kind: 'ip_hash', value: ipHash, reason: 'from the list' }, editor.id);
    await expectRefused(() => submit({}, { ip }), banned(), 'forbidden');
    const member = await buildAuthor(app, { role: 'subscriber' });
    await app.services.comments.ban({ kind: 'user', value: String(member.id), reason: 'account' }, editor.id);
    await expectRefused(() => app.services.comments.submit(form(), { ip: nextIp(), userAgent: BROWSER, user: member }), banned(), 'forbidden');
  });

  it('lets a commenter in again once the ban is lifted or has expired', async () => {
    const lifted = `lifted${unique()}@example.test`;
    const id = await app.services.comments.ban({ kind: 'email', value: lifted, reason: 'mistake' }, editor.id);
    await expectRefused(() => submit({ authorEmail: lifted }), banned(), 'forbidden');
    await app.services.comments.liftBan(id, editor.id);
    expect((await submit({ authorEmail: lifted })).status).toBe('approved');

    const expiring = `cooling${unique()}@example.test`;
    const expiresAt = new Date(clock.now().getTime() + HOUR).toISOString();
    await app.services.comments.ban({ kind: 'email', value: expiring, reason: 'a day off', expiresAt }, editor.id);
    await expectRefused(() => submit({ authorEmail: expiring }), banned(), 'forbidden');
    clock.advance(HOUR);
    expect((await submit({ authorEmail: expiring })).status).toBe('approved');
  });
});

describe('the jobs that follow a comment', () => {
  it('a held comment queues the moderators\' mail, unless "mail me when a comment is held" is off', async () => {
    await setRules({ commentManualApproval: true });
    expect(await jobKindsOf((await submit()).id)).toEqual([MAIL_MODERATORS]);
    await setRules({ commentNotifyModeration: false });
    expect(await jobKindsOf((await submit()).id)).toEqual([]);
  });

  it('an approved comment queues the subscribers\' notification, and the moderators\' mail only when "mail me for every comment" is on', async () => {
    expect(await jobKindsOf((await submit()).id)).toEqual([MAIL_MODERATORS, NOTIFY_SUBSCRIBERS]);
    await setRules({ commentNotifyAuthor: false });
    expect(await jobKindsOf((await submit()).id)).toEqual([NOTIFY_SUBSCRIBERS]);
  });

  it('subscribers hear of a comment once, however often it is approved, unapproved and approved again', async () => {
    await setRules({ commentManualApproval: true, commentNotifyModeration: false });
    const held = await submit();
    for (const status of ['approved', 'pending', 'approved', 'spam', 'approved'] as const) await app.services.comments.setStatus(held.id, status);
    expect(await jobKindsOf(held.id)).toEqual([NOTIFY_SUBSCRIBERS]);
    expect(await app.jobs.findByDedupeKey(`${NOTIFY_SUBSCRIBERS}:${held.id}`)).toMatchObject({ kind: NOTIFY_SUBSCRIBERS });
  });
});

describe('privacy and the reader\'s own view', () => {
  it('stores the IP hashed: never the address, the same hash for the same address, another for another address', async () => {
    const ip = '198.51.100.23';
    const [a, b, other] = [await submit({}, { ip }), await submit({}, { ip }), await submit({}, { ip: '198.51.100.24' })];
    const [hashA, hashB, hashOther] = await Promise.all([a, b, other].map(async (c) => (await storedRow(c.id)).ipHash));
    expect(hashA).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashA).not.toContain('198.51');
    expect(hashB).toBe(hashA);
    expect(hashOther).not.toBe(hashA);
    expect(JSON.stringify(await storedRow(a.id))).not.toContain(ip);
  });

  it('salts the hash with the site secret: another secret gives another hash', async () => {
    const secret = 'another-site-secret-that-is-long-enough-0123456789';
    const otherClock = mutableClock(clock.now());
    const other = await createTestApp({ clock: otherClock, config: { secret } });
    try {
      const otherPost = await buildPost(other);
      const ip = '198.51.100.99';
      const context = { ip, userAgent: BROWSER };
      const there = await other.services.comments.submit(form({ postId: otherPost.id, formServedAt: otherClock.now().getTime() - 30_000 }), context);
      const here = await app.services.comments.submit(form(), context);
      const thereHash = (await other.db.kysely.selectFrom('comments').select('ipHash').where('id', '=', there.id).executeTakeFirstOrThrow()).ipHash;
      expect(thereHash).toBe(hashIp(secret, ip));
      expect((await storedRow(here.id)).ipHash).not.toBe(thereHash);
    } finally {
      await other.close();
    }
  });

  it('threadOf shows a pending comment only to the reader who asks for it by id', async () => {
    const thread = await buildPost(app);
    const approved = await submit({ postId: thread.id });
    await setRules({ commentManualApproval: true });
    const mine = await submit({ postId: thread.id, parentId: approved.id });
    const theirs = await submit({ postId: thread.id });
    const elsewhere = await submit();
    const ids = (nodes: Awaited<ReturnType<typeof app.services.comments.threadOf>>): number[] =>
      nodes.flatMap((n) => [n.comment.id, ...ids(n.replies)]);

    expect(ids(await app.services.comments.threadOf(thread.id, 5, 'oldest'))).toEqual([approved.id]);
    const withMine = await app.services.comments.threadOf(thread.id, 5, 'oldest', [mine.id, elsewhere.id]);
    expect(ids(withMine)).toEqual([approved.id, mine.id]);
    expect(withMine[0]?.replies[0]?.comment).toMatchObject({ id: mine.id, status: 'pending' });
    expect(ids(await app.services.comments.threadOf(thread.id, 5, 'oldest', [theirs.id]))).toEqual([approved.id, theirs.id]);
    await app.services.comments.setStatus(theirs.id, 'spam');
    expect(ids(await app.services.comments.threadOf(thread.id, 5, 'oldest', [theirs.id]))).toEqual([approved.id]);
  });
});
