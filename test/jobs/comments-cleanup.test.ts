// The daily comments.cleanup job: spam kept 30 days then deleted (post counts stay right), IP hashes dropped
// after 30 days, and one run queued per day, by the runner and at start. Stand-in: time (a clock the test moves).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentStatus } from '../../src/features/comments/index.js';
import type { Post } from '../../src/features/posts/index.js';
import { ensureRecurringJobs } from '../../src/jobs/recurring.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildComment, buildPost } from '../support/factories.js';

const NOW = '2026-12-10T10:00:00.000Z';
const DAY = 24 * 60 * 60_000;
const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * DAY).toISOString();

describe('the comments.cleanup job', () => {
  let clock: MutableClock;
  let app: TestApp;
  let post: Post;
  let sequence = 0;

  /** A comment through the real pipeline (so it has an IP hash), written `days` ago, then moved to `status`. */
  async function submitted(days: number, status: CommentStatus): Promise<number> {
    clock.set(daysAgo(days));
    const n = ++sequence;
    const { id } = await app.services.comments.submit(
      {
        postId: post.id, parentId: null, authorName: `Reader ${n}`, authorEmail: `reader${n}@example.test`, authorUrl: '',
        source: `Remark number ${n} on planing end grain.`, subscribe: 'none', subscribePosts: false, honeypot: '', formServedAt: undefined,
      },
      { ip: `203.0.113.${n}`, userAgent: 'test' },
    );
    await app.services.comments.setStatus(id, status);
    clock.set(NOW);
    return id;
  }

  const row = (id: number) =>
    app.db.kysely.selectFrom('comments').select(['id', 'status', 'parentId', 'ipHash']).where('id', '=', id).executeTakeFirst();
  const approvedOnPost = async () =>
    Number(
      (await app.db.kysely.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('postId', '=', post.id).where('status', '=', 'approved').executeTakeFirstOrThrow()).n,
    );
  // Other jobs (notifications of approvals) share the queue: only the clean-up's own rows are looked at.
  const cleanupStatus = async (day: string) => (await app.jobs.findByDedupeKey(`comments.cleanup:${day}`))?.status;
  const queuedCleanups = () =>
    app.db.kysely.selectFrom('jobs').select(['dedupeKey', 'runAt']).where('kind', '=', 'comments.cleanup').where('status', '=', 'queued').execute();

  beforeAll(async () => {
    clock = mutableClock(daysAgo(40));
    app = await createTestApp({ clock });
    await app.services.settings.update({
      commentMinFillSeconds: 0, commentFloodSeconds: 0, commentPreviouslyApproved: false, commentNotifyAuthor: false, commentNotifyModeration: false,
    });
    post = await buildPost(app, { title: 'Planing end grain' });
    clock.set(NOW);
  });
  afterAll(() => app.close());

  it('deletes spam older than 30 days, keeps younger spam, lifts replies of deleted spam and keeps the post count right', async () => {
    const oldSpam = await submitted(31, 'spam');
    const youngSpam = await submitted(29, 'spam');
    // An approved comment with an approved reply, later judged spam: the reply must survive its parent.
    const parent = await buildComment(app, post, { createdAt: daysAgo(31) });
    const reply = await buildComment(app, post, { parentId: parent, createdAt: daysAgo(31) });
    await app.services.comments.setStatus(parent, 'spam');
    const kept = await submitted(31, 'approved');
    const countBefore = (await app.services.posts.findById(post.id))?.commentCount;
    expect(countBefore).toBe(2);

    expect(await app.services.comments.scheduleCleanup()).toBe(true);
    await app.runner.runOnce();
    expect(await cleanupStatus('2026-12-10')).toBe('done');

    expect(await row(oldSpam)).toBeUndefined();
    expect(await row(parent)).toBeUndefined();
    expect(await row(youngSpam)).toMatchObject({ status: 'spam' });
    expect(await row(reply)).toMatchObject({ status: 'approved', parentId: null });
    expect(await row(kept)).toMatchObject({ status: 'approved' });
    expect((await app.services.posts.findById(post.id))?.commentCount).toBe(await approvedOnPost());
    expect(await approvedOnPost()).toBe(2);
  });

  it('forgets IP hashes older than 30 days and keeps younger ones', async () => {
    const old = await submitted(31, 'pending');
    const young = await submitted(29, 'approved');
    expect((await row(old))?.ipHash).toMatch(/\S/);
    expect((await row(young))?.ipHash).toMatch(/\S/);

    const report = await app.services.comments.cleanUp();

    expect(report.ipHashesCleared).toBeGreaterThanOrEqual(1);
    expect(await row(old)).toMatchObject({ status: 'pending', ipHash: null });
    expect((await row(young))?.ipHash).toMatch(/\S/);
  });

  it('queues itself for the next day once, however often it runs, and the next day it runs again', async () => {
    const tomorrow = '2026-12-11';
    expect(await queuedCleanups()).toEqual([{ dedupeKey: `comments.cleanup:${tomorrow}`, runAt: `${tomorrow}T00:00:00.000Z` }]);

    // Today's run is done: starting again today queues nothing, and running it again changes no queue.
    await ensureRecurringJobs(app.services);
    expect(await app.services.comments.scheduleCleanup()).toBe(false);
    await app.services.comments.cleanUp();
    await app.runner.runOnce();
    expect(await queuedCleanups()).toHaveLength(1);

    clock.set(`${tomorrow}T00:00:01.000Z`);
    await app.runner.runOnce();
    expect(await cleanupStatus(tomorrow)).toBe('done');
    expect(await queuedCleanups()).toEqual([{ dedupeKey: 'comments.cleanup:2026-12-12', runAt: '2026-12-12T00:00:00.000Z' }]);
  });

  it('is queued at start on a site that has no run for today', async () => {
    clock.set('2026-12-20T08:00:00.000Z');
    await ensureRecurringJobs(app.services);
    await ensureRecurringJobs(app.services); // a second process starting: still one
    const today = await app.jobs.findByDedupeKey('comments.cleanup:2026-12-20');
    expect(today).toMatchObject({ status: 'queued', runAt: '2026-12-20T08:00:00.000Z' });
    await app.runner.runOnce();
    // The 12th's overdue run and today's both ran; each queues the 21st, which is stored once.
    expect(await cleanupStatus('2026-12-12')).toBe('done');
    expect(await cleanupStatus('2026-12-20')).toBe('done');
    expect((await queuedCleanups()).map((j) => j.dedupeKey)).toEqual(['comments.cleanup:2026-12-21']);
  });
});
