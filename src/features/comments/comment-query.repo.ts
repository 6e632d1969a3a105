// The comments query of the WordPress API (and any screen that needs it): filters by status, post, parent, author,
// address, ids and words; ordered by date or id; one page and the total.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { likePattern } from '../../kernel/like.js';
import type { CommentQuery, QueriedComment } from './comment-query.js';

const columns = [
  'id', 'postId', 'parentId', 'status', 'authorName', 'authorEmail', 'authorUrl', 'userId', 'contentHtml', 'createdAt', 'source', 'identityId',
] as const;

// A list given but empty matches nothing: `in ()` is no SQL, so it becomes `in (-1)` (no row has that id).
const some = (ids: readonly number[]) => (ids.length > 0 ? [...ids] : [-1]);

function filtered(db: Db, q: CommentQuery) {
  let query = db.kysely.selectFrom('comments').where('comments.status', 'in', [...q.statuses]);
  if (q.publishedPostsOnly) {
    query = query.where((eb) => eb.exists(eb.selectFrom('posts').select('posts.id').whereRef('posts.id', '=', 'comments.postId').where('posts.status', '=', 'published')));
  }
  if (q.postIds) query = query.where('comments.postId', 'in', some(q.postIds));
  // Parent 0 is WordPress's "no parent": the top level.
  if (q.parentIds) {
    const ids = q.parentIds.filter((id) => id !== 0);
    const top = q.parentIds.includes(0);
    query = query.where((eb) => eb.or([eb('comments.parentId', 'in', some(ids)), ...(top ? [eb('comments.parentId', 'is', null)] : [])]));
  }
  if (q.parentExclude?.length) query = query.where((eb) => eb.or([eb('comments.parentId', 'is', null), eb('comments.parentId', 'not in', [...q.parentExclude ?? []])]));
  if (q.authorIds) query = query.where('comments.userId', 'in', some(q.authorIds));
  if (q.authorExclude?.length) query = query.where((eb) => eb.or([eb('comments.userId', 'is', null), eb('comments.userId', 'not in', [...q.authorExclude ?? []])]));
  if (q.authorEmail !== undefined) query = query.where('comments.authorEmail', '=', q.authorEmail.trim().toLowerCase());
  if (q.include) query = query.where('comments.id', 'in', some(q.include));
  if (q.exclude?.length) query = query.where('comments.id', 'not in', [...q.exclude]);
  for (const word of (q.search ?? '').split(/\s+/).filter(Boolean).slice(0, 10)) {
    const p = likePattern(word);
    query = query.where(sql<boolean>`(lower(comments.author_name) like ${p} escape '\\' or lower(comments.author_email) like ${p} escape '\\'
      or lower(comments.author_url) like ${p} escape '\\' or lower(comments.source) like ${p} escape '\\')`);
  }
  return query;
}

export async function listComments(db: Db, q: CommentQuery): Promise<QueriedComment[]> {
  const direction = q.order === 'asc' ? 'asc' : 'desc';
  let query = filtered(db, q)
    .leftJoin('identities', 'identities.id', 'comments.identityId')
    .select([...columns.map((c) => `comments.${c}` as const), 'identities.avatarUrl as authorAvatarUrl']);
  query = q.orderBy === 'id' ? query.orderBy('comments.id', direction) : query.orderBy('comments.createdAt', direction).orderBy('comments.id', direction);
  return query.limit(q.limit).offset(q.offset).execute();
}

export async function countComments(db: Db, q: CommentQuery): Promise<number> {
  const row = await filtered(db, q).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
