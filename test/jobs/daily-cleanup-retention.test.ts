// The daily clean-up (the comments.cleanup job) also forgets what the queue and the one-time tokens kept: jobs done
// more than 30 days ago (not dead ones, not the notifications whose done row keeps them once-only), and tokens used
// or expired more than 7 days ago (not live ones). Stand-in: time (a clock the test moves).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertJob } from '../../src/db/outbox.js';
import type { JobStatus } from '../../src/db/tables.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';

const NOW = '2026-12-10T10:00:00.000Z';
const DAY = 24 * 60 * 60_000;
const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * DAY).toISOString();

describe('the daily clean-up of jobs and tokens', () => {
  let clock: MutableClock;
  let app: TestApp;

  /** A job of `kind` left in `status`, last touched `days` ago (not due: a queued one waits for next year). */
  async function job(kind: string, status: JobStatus, days: number): Promise<number> {
    const at = daysAgo(days);
    const job = { kind, payload: { email: 'ann@example.test' }, runAt: '2027-12-01T00:00:00.000Z', createdAt: at };
    const id = (await insertJob(app.db.kysely, job)) as number;
    await app.db.kysely.updateTable('jobs').set({ status, updatedAt: at }).where('id', '=', id).execute();
    return id;
  }

  /** A token issued `issuedDaysAgo` for `lifetimeDays`, used `usedDaysAgo` (or never); its subject names it. */
  async function token(subject: string, issuedDaysAgo: number, lifetimeDays: number, usedDaysAgo?: number): Promise<void> {
    clock.set(daysAgo(issuedDaysAgo));
    const raw = await app.services.tokens.issue('privacy', subject, lifetimeDays * DAY);
    if (usedDaysAgo !== undefined) {
      clock.set(daysAgo(usedDaysAgo));
      expect(await app.services.tokens.consume('privacy', raw)).toBe(subject);
    }
    clock.set(NOW);
  }

  const jobIds = async () => (await app.db.kysely.selectFrom('jobs').select('id').where('kind', 'like', 'test.%').orderBy('id').execute()).map((r) => r.id);
  const kindsLeft = async (kinds: readonly string[]) =>
    (await app.db.kysely.selectFrom('jobs').select('kind').where('kind', 'in', [...kinds]).execute()).map((r) => r.kind).sort();
  const subjects = async () => (await app.db.kysely.selectFrom('oneTimeTokens').select('subject').execute()).map((r) => r.subject).sort();

  beforeAll(async () => {
    clock = mutableClock(NOW);
    app = await createTestApp({ clock });
  });
  afterAll(() => app.close());

  it('deletes jobs done more than 30 days ago and keeps younger, dead, queued ones and the once-only notifications', async () => {
    const oldDone = await job('test.mail', 'done', 31);
    const youngDone = await job('test.mail', 'done', 29);
    const oldDead = await job('test.mail', 'dead', 90);
    const queued = await job('test.mail', 'queued', 40);
    await job('posts.notify-subscribers', 'done', 400);
    await job('comments.notify-subscribers', 'done', 400);

    expect(await app.services.comments.scheduleCleanup()).toBe(true);
    await app.runner.runOnce();
    expect((await app.jobs.findByDedupeKey('comments.cleanup:2026-12-10'))?.status).toBe('done');

    const left = await jobIds();
    expect(left).not.toContain(oldDone);
    expect(left).toEqual([youngDone, oldDead, queued]);
    expect(await kindsLeft(['posts.notify-subscribers', 'comments.notify-subscribers'])).toEqual(['comments.notify-subscribers', 'posts.notify-subscribers']);
  });

  it('deletes tokens used or expired more than 7 days ago and keeps live and recently spent ones', async () => {
    await token('used-8-days-ago', 9, 30, 8);
    await token('expired-8-days-ago', 9, 1);
    await token('used-6-days-ago', 7, 30, 6);
    await token('expired-6-days-ago', 7, 1);
    await token('live', 20, 30);

    expect(await app.services.tokens.purgeStale()).toBe(2);
    expect(await subjects()).toEqual(['expired-6-days-ago', 'live', 'used-6-days-ago']);

    // Through the job (the run queued for the 11th, overdue): a week on, those spent 6 days ago go too; the live one stays.
    clock.set('2026-12-17T00:00:01.000Z');
    await app.runner.runOnce();
    expect((await app.jobs.findByDedupeKey('comments.cleanup:2026-12-11'))?.status).toBe('done');
    expect(await subjects()).toEqual(['live']);
  });
});
