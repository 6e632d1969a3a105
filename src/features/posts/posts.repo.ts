// Reads and writes posts and pages.
import type { Db } from '../../db/database.js';
import { type SearchRequest, type SnippetPart, splitSnippet } from '../../db/dialect.js';
import { insertJob } from '../../db/outbox.js';
import type { PostStatus, PostType, PostsTable } from '../../db/tables.js';
import type { Insertable } from 'kysely';
import { type Post, type PostCard, postPublishedJob, scheduledPublishJob } from './posts.js';

/** The columns of a PostCard (everything but the source); the staff query selects the same. */
export const cardColumns = [
  'posts.id', 'posts.type', 'posts.title', 'posts.slug', 'posts.format', 'posts.contentHtml', 'posts.excerpt',
  'posts.searchText', 'posts.status', 'posts.publishedAt', 'posts.publishedLocal', 'posts.authorId', 'posts.parentId',
  'posts.menuOrder', 'posts.commentStatus', 'posts.commentCount', 'posts.createdAt', 'posts.updatedAt', 'posts.guid',
  'posts.featuredMediaId',
] as const;

export interface PublishedFilter {
  readonly type: PostType;
  /** Posts filed under any of these terms. */
  readonly termIds?: readonly number[];
  readonly authorId?: number;
  /** Prefix of publishedLocal: '2026', '2026-03' or '2026-03-14'. */
  readonly localDatePrefix?: string;
}

/**
 * Inserts a post and files it under its terms, in one transaction; a scheduled post's publish job is
 * written in the same transaction (the outbox), so a stored scheduled post always has its job.
 */
export async function insertPost(db: Db, row: Insertable<PostsTable>, termIds: readonly number[]): Promise<number> {
  return db.kysely.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('posts').values(row).returning('id').executeTakeFirstOrThrow();
    const unique = [...new Set(termIds)];
    if (unique.length > 0) await trx.insertInto('postTerms').values(unique.map((termId) => ({ postId: id, termId }))).execute();
    if (row.status === 'scheduled' && row.publishedAt) await insertJob(trx, scheduledPublishJob(id, row.publishedAt, row.createdAt));
    if (row.status === 'published' && row.type === 'post') await insertJob(trx, postPublishedJob(id, row.createdAt));
    return id;
  });
}

/**
 * Publishes a post that is still scheduled and due, in one conditional UPDATE (so a concurrent trash or
 * reschedule wins or loses cleanly); false when it was not. Its publication time stays as scheduled.
 * The new-post notification job is queued in the same transaction.
 */
export async function publishIfDue(db: Db, id: number, now: string): Promise<boolean> {
  return db.kysely.transaction().execute(async (trx) => {
    const published = await trx
      .updateTable('posts')
      .set({ status: 'published', updatedAt: now })
      .where('id', '=', id)
      .where('status', '=', 'scheduled')
      .where('publishedAt', '<=', now)
      .returning('type')
      .executeTakeFirst();
    if (published?.type === 'post') await insertJob(trx, postPublishedJob(id, now));
    return published !== undefined;
  });
}

export async function updatePostStatus(db: Db, id: number, status: PostStatus, updatedAt: string): Promise<void> {
  await db.kysely.updateTable('posts').set({ status, updatedAt }).where('id', '=', id).execute();
}

export async function findPostById(db: Db, id: number): Promise<Post | undefined> {
  return db.kysely.selectFrom('posts').select([...cardColumns, 'posts.source']).where('id', '=', id).executeTakeFirst();
}

export async function findPostBySlug(db: Db, type: PostType, slug: string): Promise<Post | undefined> {
  return db.kysely
    .selectFrom('posts')
    .select([...cardColumns, 'posts.source'])
    .where('type', '=', type)
    .where('slug', '=', slug)
    .executeTakeFirst();
}

function publishedQuery(db: Db, filter: PublishedFilter) {
  let query = db.kysely.selectFrom('posts').where('posts.type', '=', filter.type).where('posts.status', '=', 'published');
  if (filter.authorId !== undefined) query = query.where('posts.authorId', '=', filter.authorId);
  if (filter.localDatePrefix !== undefined) query = query.where('posts.publishedLocal', 'like', `${filter.localDatePrefix}%`);
  if (filter.termIds !== undefined) {
    const termIds = filter.termIds.length > 0 ? filter.termIds : [-1];
    query = query.where('posts.id', 'in', (eb) =>
      eb.selectFrom('postTerms').select('postTerms.postId').where('postTerms.termId', 'in', termIds),
    );
  }
  return query;
}

export async function listPublished(db: Db, filter: PublishedFilter, limit: number, offset: number): Promise<PostCard[]> {
  return publishedQuery(db, filter)
    .select(cardColumns)
    .orderBy('posts.publishedAt', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countPublished(db: Db, filter: PublishedFilter): Promise<number> {
  const row = await publishedQuery(db, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listPublishedByIds(db: Db, ids: readonly number[]): Promise<PostCard[]> {
  if (ids.length === 0) return [];
  return db.kysely.selectFrom('posts').select(cardColumns).where('id', 'in', ids).where('status', '=', 'published').execute();
}

export interface PostLink {
  readonly id: number;
  readonly title: string;
  readonly slug: string;
  readonly publishedLocal: string | null;
}

/** The published post just before or after `post` in publication order. */
export async function findAdjacentPublished(
  db: Db,
  post: Pick<Post, 'id' | 'type' | 'publishedAt'>,
  direction: 'previous' | 'next',
): Promise<PostLink | undefined> {
  const at = post.publishedAt ?? '';
  const before = direction === 'previous';
  return db.kysely
    .selectFrom('posts')
    .select(['id', 'title', 'slug', 'publishedLocal'])
    .where('type', '=', post.type)
    .where('status', '=', 'published')
    // A row comparison lets the engine seek straight to the neighbour in the (…, published_at) index.
    .where((eb) => eb(eb.refTuple('publishedAt', 'id'), before ? '<' : '>', eb.tuple(at, post.id)))
    .orderBy('publishedAt', before ? 'desc' : 'asc')
    .orderBy('id', before ? 'desc' : 'asc')
    .limit(1)
    .executeTakeFirst();
}

export async function listRecentPublished(db: Db, limit: number): Promise<PostLink[]> {
  return db.kysely
    .selectFrom('posts')
    .select(['id', 'title', 'slug', 'publishedLocal'])
    .where('type', '=', 'post')
    .where('status', '=', 'published')
    .orderBy('publishedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export interface MonthCount {
  /** 'YYYY-MM' */
  readonly month: string;
  readonly count: number;
}

export async function listArchiveMonths(db: Db): Promise<MonthCount[]> {
  const rows = await db.kysely
    .selectFrom('posts')
    .select((eb) => [
      eb.fn<string>('substr', ['publishedLocal', eb.val(1), eb.val(7)]).as('month'),
      eb.fn.countAll<string | number>().as('count'),
    ])
    .where('type', '=', 'post')
    .where('status', '=', 'published')
    .groupBy('month')
    .orderBy('month', 'desc')
    .execute();
  return rows.map((r) => ({ month: r.month, count: Number(r.count) }));
}

export interface PageLink {
  readonly id: number;
  readonly title: string;
  readonly slug: string;
  readonly parentId: number | null;
}

export async function listPublishedPages(db: Db): Promise<PageLink[]> {
  return db.kysely
    .selectFrom('posts')
    .select(['id', 'title', 'slug', 'parentId'])
    .where('type', '=', 'page')
    .where('status', '=', 'published')
    .orderBy('menuOrder')
    .orderBy('title')
    .execute();
}

export async function listSlugsStartingWith(db: Db, type: PostType, base: string): Promise<Set<string>> {
  const rows = await db.kysely
    .selectFrom('posts')
    .select('slug')
    .where('type', '=', type)
    // Slugs hold only letters, digits and hyphens, so `base` has no LIKE wildcards to escape.
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return new Set(rows.map((r) => r.slug));
}

export interface SearchHitParts {
  readonly id: number;
  readonly snippet: readonly SnippetPart[];
}

/** Ranked full-text search over published content, through the dialect's engine. */
export async function searchPublished(db: Db, request: SearchRequest): Promise<{ total: number; hits: SearchHitParts[] }> {
  const found = await db.dialect.searchPublished(db.kysely, request);
  return { total: found.total, hits: found.hits.map((h) => ({ id: h.id, snippet: splitSnippet(h.snippet) })) };
}
