// Erasing an address leaves no trace of it anywhere it was stored: besides comments and subscriptions, the one-time
// tokens whose subject it is (privacy links) and the jobs whose payload carries it (the links' mail, account mails)
// go in the same transaction, by link and by administrators; other addresses' are untouched, even look-alikes.
// Stand-in: time (a clock the test moves). Mail goes through a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertJob } from '../../src/db/outbox.js';
import type { JobStatus } from '../../src/db/tables.js';
import type { Post } from '../../src/features/posts/index.js';
import { createPrivacyService } from '../../src/features/privacy/index.js';
import { createTokensService } from '../../src/features/tokens/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildPost } from '../support/factories.js';
import { STAFF_PASSWORD, createStaff, openForm, postForm, signIn } from '../support/session.js';
import { type TestSmtpServer, startSmtpServer } from '../support/smtp.js';
import { runJobsUntilIdle } from '../support/jobs.js';

const SITE = 'http://blog.test';
const ANN = 'ann@example.test';
const BOB = 'bob@example.test';

describe('erasure erases the address everywhere', () => {
  let smtp: TestSmtpServer;
  let clock: MutableClock;
  let app: TestApp;
  let post: Post;
  let ipSequence = 0;

  async function comment(email: string) {
    await app.services.comments.submit(
      {
        postId: post.id, parentId: null, authorName: 'Someone', authorEmail: email, authorUrl: '', source: `A remark by ${email}.`,
        subscribe: 'none', subscribePosts: false, honeypot: '', formServedAt: undefined,
      },
      { ip: `203.0.113.${++ipSequence}`, userAgent: 'test' },
    );
  }

  const drain = () => runJobsUntilIdle(app);

  /** Asks for the privacy link of `email` through the form, runs the jobs, and reads the token from the mail. */
  async function linkFor(email: string): Promise<string> {
    clock.advance(3_600_000);
    const asked = await app.server.inject({
      method: 'POST', url: '/comments/privacy', remoteAddress: `192.0.2.${++ipSequence}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      payload: new URLSearchParams({ email }).toString(),
    });
    expect(asked.statusCode).toBe(200);
    await drain();
    const mail = await smtp.waitFor((m) => m.to.includes(email) && m.links.some((l) => l.startsWith(`${SITE}/comments/privacy/`)));
    return (mail.links.find((l) => l.startsWith(`${SITE}/comments/privacy/`)) ?? '').slice(`${SITE}/comments/privacy/`.length);
  }

  /** A job carrying `email` in its payload, left in `status` (as a worker or a failure would have left it). */
  async function jobCarrying(email: string, status: JobStatus, kind = 'accounts.reset-mail'): Promise<number> {
    const at = clock.now().toISOString();
    const id = await insertJob(app.db.kysely, { kind, payload: { email }, runAt: '2099-01-01T00:00:00.000Z', createdAt: at });
    await app.db.kysely.updateTable('jobs').set({ status }).where('id', '=', id as number).execute();
    return id as number;
  }

  const tokensOf = (subject: string) => app.db.kysely.selectFrom('oneTimeTokens').select(['purpose', 'usedAt']).where('subject', '=', subject).execute();
  /** Jobs whose payload mentions `text` anywhere, whatever its case. */
  const jobsMentioning = async (text: string) =>
    (await app.db.kysely.selectFrom('jobs').select(['id', 'kind', 'status', 'payload']).orderBy('id').execute())
      .filter((job) => job.payload.toLowerCase().includes(text.toLowerCase()));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    clock = mutableClock('2026-12-01T09:00:00.000Z');
    app = await createTestApp({ clock, config: { smtpUrl: smtp.url } });
    await app.services.settings.update({
      commentMinFillSeconds: 0, commentFloodSeconds: 0, commentPreviouslyApproved: false, commentSpamThreshold: 100,
      commentNotifyAuthor: false, commentNotifyModeration: false,
    });
    post = await buildPost(app, { title: 'Marking gauges' });
    for (const email of [ANN, BOB, 'c_ra@example.test', 'cara@example.test']) await comment(email);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('by link: deletes the address’s tokens and its done, dead and queued jobs with the comments, and nobody else’s', async () => {
    const bobToken = await linkFor(BOB);
    const token = await linkFor(ANN);
    // A reset asked for the address (done: no account, nothing sent), a mail that failed for good, and one not sent yet.
    await app.services.accounts.requestPasswordReset(ANN);
    await drain();
    await jobCarrying(ANN, 'dead');
    await app.services.accounts.requestEmailLink(ANN);
    const running = await jobCarrying(ANN, 'running', 'accounts.email-link-mail');
    expect(await tokensOf(ANN)).toHaveLength(1);
    expect((await jobsMentioning(ANN)).map((j) => j.status).sort()).toEqual(['dead', 'done', 'done', 'queued', 'running']);

    const erased = await app.server.inject({
      method: 'POST', url: '/comments/privacy/erase', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token, confirm: 'yes' }).toString(),
    });
    expect(erased.statusCode).toBe(200);

    expect(await tokensOf(ANN)).toEqual([]);
    // Only the job a worker holds right now is left to it (the daily clean-up removes it once done and old).
    expect((await jobsMentioning(ANN)).map((j) => j.id)).toEqual([running]);
    // Bob's link still works, and his link's mail job is still there.
    expect(await tokensOf(BOB)).toHaveLength(1);
    expect(await app.services.privacy.openLink(bobToken)).toBe(BOB);
    expect((await jobsMentioning(BOB)).map((j) => j.kind)).toEqual(['privacy.mail-link']);
  });

  it('by an administrator: the same, matching the address whatever its case and only that address (no wildcards)', async () => {
    const target = 'c_ra@example.test';
    const neighbour = 'cara@example.test';
    await linkFor(target);
    await linkFor(neighbour);
    await jobCarrying('C_RA@Example.TEST', 'done', 'privacy.mail-link');
    await jobCarrying(neighbour, 'dead');
    await jobCarrying(`x${target}`, 'done');

    await createStaff(app, 'administrator', { email: 'admin@example.test' });
    const admin = await signIn(app, 'admin@example.test', STAFF_PASSWORD);
    const { csrf } = await openForm(app, '/admin/comments/privacy', admin);
    const erased = await postForm(app, '/admin/comments/privacy', { _csrf: csrf, email: target, action: 'erase', confirm: '1' }, admin);
    expect(erased.statusCode).toBe(200);

    expect(await tokensOf(target)).toEqual([]);
    expect(await jobsMentioning(`"${target}"`)).toEqual([]);
    expect(await tokensOf(neighbour)).toHaveLength(1);
    expect((await jobsMentioning(`"${neighbour}"`)).map((j) => j.status).sort()).toEqual(['dead', 'done']);
    expect(await jobsMentioning(`"x${target}"`)).toHaveLength(1);
  });

  it('keeps the tokens and jobs when the erasure fails: all of it is one transaction', async () => {
    const email = 'dora@example.test';
    await comment(email);
    await linkFor(email);
    const failing = createPrivacyService({
      db: app.db, clock, events: app.events, subscriptions: app.services.subscriptions,
      subscriptionsWithin: () => ({ eraseFor: () => Promise.reject(new Error('the subscriptions table is locked')) }),
      tokens: createTokensService({ db: app.db, clock }), tokensWithin: (tx) => createTokensService({ db: tx, clock }),
      posts: app.services.posts,
    });
    await expect(failing.eraseFor(email)).rejects.toThrow('locked');
    expect(await tokensOf(email)).toHaveLength(1);
    expect(await jobsMentioning(`"${email}"`)).toHaveLength(1);
  });
});
