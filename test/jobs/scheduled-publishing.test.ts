// Scheduled posts: hidden until their time, then published by the job runner, also after a restart;
// a scheduled post trashed before its time stays trashed. Stand-in: time (a clock the test moves).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { User } from '../../src/features/users/index.js';
import { createTestApp, openAppOnSameDatabase, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildAuthor, buildPost, permalinkOf } from '../support/factories.js';
import { cardTitles, fetchPage } from '../support/pages.js';

const START = '2026-03-14T09:00:00.000Z';
const inMinutes = (clock: MutableClock, minutes: number) => new Date(clock.now().getTime() + minutes * 60_000).toISOString();

describe('scheduled publishing', () => {
  let clock: MutableClock;
  let app: TestApp;
  let author: User;

  beforeAll(async () => {
    clock = mutableClock(START);
    app = await createTestApp({ clock });
    author = await buildAuthor(app);
  });
  afterAll(async () => app.close());

  const isListedOnHome = async (site: App, title: string) => cardTitles((await fetchPage(site, '/')).$).includes(title);

  it('keeps a scheduled post off the site until its time, then the runner publishes it', async () => {
    const post = await buildPost(app, { title: 'Coming at ten past', status: 'scheduled', publishedAt: inMinutes(clock, 1), author });
    expect((await app.jobs.findByDedupeKey(`posts.publish:${post.id}`))?.runAt).toBe(post.publishedAt);
    expect((await fetchPage(app, permalinkOf(post))).status).toBe(404);
    expect(await isListedOnHome(app, post.title)).toBe(false);

    await app.runner.runOnce(); // not yet due
    expect((await app.services.posts.findById(post.id))?.status).toBe('scheduled');
    expect((await fetchPage(app, permalinkOf(post))).status).toBe(404);

    clock.advance(61_000);
    expect(await app.runner.runOnce()).toMatchObject({ claimed: 1, done: 1 });
    const live = await app.services.posts.findById(post.id);
    expect(live).toMatchObject({ status: 'published', publishedAt: post.publishedAt, publishedLocal: post.publishedLocal });
    expect((await fetchPage(app, permalinkOf(post))).status).toBe(200);
    expect(await isListedOnHome(app, post.title)).toBe(true);
  });

  it('writes the post and its publish job together: one job per post', async () => {
    const post = await buildPost(app, { status: 'scheduled', publishedAt: inMinutes(clock, 5), author });
    const job = await app.jobs.findByDedupeKey(`posts.publish:${post.id}`);
    expect(job).toMatchObject({ kind: 'posts.publish', payload: { postId: post.id }, status: 'queued' });
    const draft = await buildPost(app, { status: 'draft', author });
    expect(await app.jobs.findByDedupeKey(`posts.publish:${draft.id}`)).toBeUndefined();
  });

  it('publishes a post scheduled before a restart, from the new process', async () => {
    // The first run of the site writes the post, then stops before its time.
    const before = await openAppOnSameDatabase(app, { clock });
    const post = await buildPost(before, { title: 'Written before the restart', status: 'scheduled', publishedAt: inMinutes(clock, 1), author });
    await before.close();

    clock.advance(2 * 60_000);
    const after = await openAppOnSameDatabase(app, { clock });
    try {
      after.runner.start();
      await expect.poll(async () => (await fetchPage(after, permalinkOf(post))).status).toBe(200);
      expect(await isListedOnHome(after, post.title)).toBe(true);
    } finally {
      await after.close();
    }
  });

  it('leaves a scheduled post alone when it was trashed before its time', async () => {
    const post = await buildPost(app, { title: 'Withdrawn before its time', status: 'scheduled', publishedAt: inMinutes(clock, 1), author });
    await app.services.posts.moveToTrash(post.id);
    clock.advance(61_000);
    await app.runner.runOnce();
    expect((await app.services.posts.findById(post.id))?.status).toBe('trash');
    expect((await app.jobs.findByDedupeKey(`posts.publish:${post.id}`))?.status).toBe('done');
    expect((await fetchPage(app, permalinkOf(post))).status).toBe(410);
    expect(await isListedOnHome(app, post.title)).toBe(false);
  });

  it('publishes only when due, and only once', async () => {
    const post = await buildPost(app, { status: 'scheduled', publishedAt: inMinutes(clock, 10), author });
    expect(await app.services.posts.publishScheduled(post.id)).toBe(false);
    clock.advance(10 * 60_000);
    expect(await app.services.posts.publishScheduled(post.id)).toBe(true);
    expect(await app.services.posts.publishScheduled(post.id)).toBe(false);
  });
});
