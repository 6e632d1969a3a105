// Editing posts through the posts service on a real database: the policy per role, slugs, revisions, the trash,
// rescheduling, and the general staff query. Stand-in: time (a clock the test moves).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/features/users/index.js';
import { AppError } from '../../src/kernel/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { buildAuthor, buildPost } from '../support/factories.js';
import { runJobsUntilIdle } from '../support/jobs.js';

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'OK';
}

describe('post editing', () => {
  let clock: MutableClock;
  let app: TestApp;
  let contributor: User;
  let author: User;
  let editor: User;
  const resolve = (id: number) => app.services.users.findById(id);

  beforeAll(async () => {
    clock = mutableClock('2026-03-14T09:00:00.000Z');
    app = await createTestApp({ clock });
    contributor = await buildAuthor(app, { role: 'contributor' });
    author = await buildAuthor(app);
    editor = await buildAuthor(app, { role: 'editor' });
  });
  afterAll(async () => app.close());

  it('lets a contributor submit for review but not publish', async () => {
    const draft = await app.services.posts.create({ title: 'Mine', source: 'Text', status: 'draft' }, contributor, contributor);
    expect(await codeOf(app.services.posts.update(draft.id, { status: 'published' }, contributor, resolve))).toBe('POST_FORBIDDEN');
    expect(await codeOf(app.services.posts.create({ title: 'Out', source: 'x', status: 'published' }, contributor, contributor))).toBe('POST_FORBIDDEN');
    const pending = await app.services.posts.update(draft.id, { status: 'pending' }, contributor, resolve);
    expect(pending.status).toBe('pending');
    const published = await app.services.posts.update(draft.id, { status: 'published' }, editor, resolve);
    expect(published.status).toBe('published');
    expect(published.publishedAt).toBe(clock.now().toISOString());
    expect(await codeOf(app.services.posts.update(draft.id, { title: 'Changed' }, contributor, resolve))).toBe('POST_FORBIDDEN');
  });

  it('keeps an author to their own posts', async () => {
    const other = await buildPost(app, { author: editor, status: 'draft' });
    expect(await codeOf(app.services.posts.update(other.id, { title: 'Mine now' }, author, resolve))).toBe('POST_FORBIDDEN');
    expect(await codeOf(app.services.posts.trash(other.id, author))).toBe('POST_FORBIDDEN');
    expect(await codeOf(app.services.posts.update(999_999, { title: 'x' }, editor, resolve))).toBe('POST_NOT_FOUND');
    expect((await app.services.posts.findById(other.id))?.title).toBe(other.title);
  });

  it('refuses a taken slug when asked to, and suffixes it otherwise', async () => {
    await buildPost(app, { slug: 'taken-slug', author });
    const post = await buildPost(app, { slug: 'free-slug', author });
    expect(await codeOf(app.services.posts.update(post.id, { slug: 'taken-slug', onSlugTaken: 'refuse' }, author, resolve))).toBe('POST_SLUG_TAKEN');
    expect((await app.services.posts.update(post.id, { slug: 'taken-slug' }, author, resolve)).slug).toBe('taken-slug-2');
    expect((await app.services.posts.update(post.id, { slug: 'taken-slug-2', onSlugTaken: 'refuse' }, author, resolve)).slug).toBe('taken-slug-2');
  });

  it('renders the new text, files it under new terms and leaves a revision', async () => {
    const category = await app.services.taxonomy.create('category', { name: 'Edited things' });
    const post = await buildPost(app, { author, source: 'Before' });
    const after = await app.services.posts.update(post.id, { source: 'After *now*', termIds: [category.id] }, author, resolve);
    expect(after.contentHtml).toContain('<em>now</em>');
    expect((await app.services.taxonomy.termsOfPosts([post.id])).get(post.id)?.map((t) => t.id)).toEqual([category.id]);
    const revisions = await app.db.kysely.selectFrom('postRevisions').selectAll().where('postId', '=', post.id).execute();
    expect(revisions.map((r) => [r.kind, r.source])).toEqual([['revision', 'After *now*']]);
  });

  it('moves a rescheduled post’s publish job to the new time', async () => {
    const at = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000).toISOString();
    const post = await buildPost(app, { author, status: 'scheduled', publishedAt: at(5) });
    await app.services.posts.update(post.id, { publishedAt: at(60) }, author, resolve);
    expect((await app.jobs.findByDedupeKey(`posts.publish:${post.id}`))?.runAt).toBe(at(60));
    clock.advance(10 * 60_000);
    await runJobsUntilIdle(app);
    expect((await app.services.posts.findById(post.id))?.status).toBe('scheduled');
    clock.advance(60 * 60_000);
    await runJobsUntilIdle(app);
    expect((await app.services.posts.findById(post.id))?.status).toBe('published');
  });

  it('trashes, restores as a draft and deletes for good', async () => {
    const post = await buildPost(app, { author });
    expect((await app.services.posts.trash(post.id, author)).status).toBe('trash');
    expect((await app.services.posts.restore(post.id, author)).status).toBe('draft');
    await app.services.posts.deletePermanently(post.id, author);
    expect(await app.services.posts.findById(post.id)).toBeUndefined();
  });

  it('lists any statuses with filters, search and order', async () => {
    const writer = await buildAuthor(app);
    await buildPost(app, { author: writer, title: 'Alpha 100% pure', status: 'draft' });
    await buildPost(app, { author: writer, title: 'Beta notes', status: 'pending' });
    await buildPost(app, { author: writer, title: 'Gamma notes', status: 'published' });
    const base = { type: 'post' as const, authorIds: [writer.id], limit: 10, offset: 0 };
    const all = await app.services.posts.list({ ...base, statuses: ['draft', 'pending', 'published'], orderBy: 'title', order: 'asc' });
    expect(all.items.map((p) => p.title)).toEqual(['Alpha 100% pure', 'Beta notes', 'Gamma notes']);
    expect(all.total).toBe(3);
    expect((await app.services.posts.list({ ...base, statuses: ['draft', 'pending', 'published'], search: 'NOTES' })).total).toBe(2);
    expect((await app.services.posts.list({ ...base, statuses: ['draft', 'pending', 'published'], search: '100%' })).total).toBe(1);
    expect((await app.services.posts.list({ ...base, statuses: ['draft', 'pending', 'published'], search: '_' })).total).toBe(0);
    expect((await app.services.posts.list({ ...base, statuses: [] })).total).toBe(0);
    expect((await app.services.posts.countByStatus('post')).get('pending')).toBeGreaterThanOrEqual(1);
  });
});
