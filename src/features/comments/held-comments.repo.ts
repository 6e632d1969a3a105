// Reads the comments held for moderation in a stretch of time, for the moderators' digest mail.
import type { Db } from '../../db/database.js';
import type { ModerationComment } from './comments.js';

export interface HeldCommentsQuery {
  /** ISO UTC, inclusive. */
  readonly from: string;
  /** ISO UTC, exclusive. */
  readonly to: string;
  /** Only comments on this author's posts; undefined: on every post. */
  readonly postAuthorId?: number;
  /** Comments to leave out (those the moderator was mailed about one by one). */
  readonly excludeIds: readonly number[];
  readonly limit: number;
}

const columns = [
  'id', 'postId', 'parentId', 'status', 'authorName', 'authorEmail', 'authorUrl', 'userId', 'contentHtml', 'createdAt',
] as const;

/** Still pending, oldest first; the (status, created_at) index reads only the stretch asked for. */
export async function listHeldComments(db: Db, query: HeldCommentsQuery): Promise<{ total: number; comments: ModerationComment[] }> {
  let held = db.kysely
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.postId')
    .where('comments.status', '=', 'pending')
    .where('comments.createdAt', '>=', query.from)
    .where('comments.createdAt', '<', query.to);
  if (query.postAuthorId !== undefined) held = held.where('posts.authorId', '=', query.postAuthorId);
  if (query.excludeIds.length > 0) held = held.where('comments.id', 'not in', query.excludeIds);
  const [count, comments] = await Promise.all([
    held.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    held
      .select(columns.map((c) => `comments.${c}` as const))
      .select('posts.title as postTitle')
      .orderBy('comments.createdAt')
      .orderBy('comments.id')
      .limit(query.limit)
      .execute(),
  ]);
  return { total: Number(count.n), comments };
}
