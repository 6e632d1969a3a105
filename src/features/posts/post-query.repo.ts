// The one general query over posts: staff lists and the REST API filter, order and page through it.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { likePattern } from '../../kernel/like.js';
import type { PostCard, PostQuery } from './posts.js';
import { cardColumns } from './posts.repo.js';

const ORDER_COLUMNS = {
  date: 'posts.publishedAt',
  modified: 'posts.updatedAt',
  title: 'posts.title',
  id: 'posts.id',
  slug: 'posts.slug',
  menu_order: 'posts.menuOrder',
  author: 'posts.authorId',
  comment_count: 'posts.commentCount',
} as const;

function filtered(db: Db, q: PostQuery) {
  let query = db.kysely.selectFrom('posts').where('posts.type', '=', q.type);
  // No status asked for: nothing matches (an empty IN list is not valid SQL).
  query = q.statuses.length > 0 ? query.where('posts.status', 'in', [...q.statuses]) : query.where('posts.id', '<', 0);
  if (q.authorIds) query = query.where('posts.authorId', 'in', q.authorIds.length > 0 ? [...q.authorIds] : [-1]);
  if (q.excludeAuthorIds?.length) query = query.where('posts.authorId', 'not in', [...q.excludeAuthorIds]);
  if (q.include) query = query.where('posts.id', 'in', q.include.length > 0 ? [...q.include] : [-1]);
  if (q.exclude?.length) query = query.where('posts.id', 'not in', [...q.exclude]);
  if (q.slugs) query = query.where('posts.slug', 'in', q.slugs.length > 0 ? [...q.slugs] : ['']);
  if (q.parentIds) query = query.where('posts.parentId', 'in', q.parentIds.length > 0 ? [...q.parentIds] : [-1]);
  if (q.after) query = query.where('posts.publishedAt', '>', q.after);
  if (q.before) query = query.where('posts.publishedAt', '<', q.before);
  if (q.localDatePrefix) query = query.where('posts.publishedLocal', 'like', `${q.localDatePrefix}%`);
  if (q.termIds) {
    const termIds = q.termIds.length > 0 ? [...q.termIds] : [-1];
    query = query.where('posts.id', 'in', (eb) => eb.selectFrom('postTerms').select('postTerms.postId').where('postTerms.termId', 'in', termIds));
  }
  if (q.excludeTermIds?.length) {
    const termIds = [...q.excludeTermIds];
    query = query.where('posts.id', 'not in', (eb) => eb.selectFrom('postTerms').select('postTerms.postId').where('postTerms.termId', 'in', termIds));
  }
  for (const word of (q.search ?? '').split(/\s+/).filter(Boolean).slice(0, 20)) {
    const pattern = likePattern(word);
    // SQLite's LIKE has no escape character unless one is named; PostgreSQL's is the same backslash.
    query = query.where(sql<boolean>`(lower(posts.title) like ${pattern} escape '\\' or lower(posts.search_text) like ${pattern} escape '\\')`);
  }
  return query;
}

export async function listPosts(db: Db, q: PostQuery): Promise<PostCard[]> {
  const direction = q.order ?? 'desc';
  return filtered(db, q)
    .select(cardColumns)
    .orderBy(ORDER_COLUMNS[q.orderBy ?? 'date'], direction)
    .orderBy('posts.id', direction)
    .limit(q.limit)
    .offset(q.offset)
    .execute();
}

export async function countPosts(db: Db, q: PostQuery): Promise<number> {
  const row = await filtered(db, q).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many items of `type` each status has (the status links above a staff list). */
export async function countByStatus(db: Db, type: PostQuery['type']): Promise<Map<string, number>> {
  const rows = await db.kysely
    .selectFrom('posts')
    .select((eb) => ['status', eb.fn.countAll<string | number>().as('n')])
    .where('type', '=', type)
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}
