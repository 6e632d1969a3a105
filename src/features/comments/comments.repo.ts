// Reads and writes comments, and keeps each post's count of approved comments.
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import { type NewJob, insertJob } from '../../db/outbox.js';
import type { Database } from '../../db/tables.js';
import type { Comment, CommentStatus, ModerationComment } from './comments.js';

const columns = [
  'id', 'postId', 'parentId', 'status', 'authorName', 'authorEmail', 'authorUrl', 'userId', 'contentHtml', 'createdAt',
] as const;

/** Comments as readers see them: with the identity they were posted with and its locally stored picture. */
function selectShownComments(db: Db) {
  return db.kysely
    .selectFrom('comments')
    .leftJoin('identities', 'identities.id', 'comments.identityId')
    .select([...columns.map((c) => `comments.${c}` as const), 'comments.identityId', 'identities.avatarUrl as authorAvatarUrl']);
}

export async function findComment(db: Db, id: number): Promise<Comment | undefined> {
  return selectShownComments(db).where('comments.id', '=', id).executeTakeFirst();
}

/** The approved comments of a post, and those of `pendingIds` still awaiting moderation (shown to their author only). */
export async function listApprovedComments(db: Db, postId: number, pendingIds: readonly number[] = []): Promise<Comment[]> {
  return selectShownComments(db)
    .where('comments.postId', '=', postId)
    .where((eb) =>
      pendingIds.length === 0
        ? eb('comments.status', '=', 'approved')
        : eb.or([
          eb('comments.status', '=', 'approved'),
          eb.and([eb('comments.status', '=', 'pending'), eb('comments.id', 'in', pendingIds)]),
        ]),
    )
    .orderBy('comments.createdAt')
    .orderBy('comments.id')
    .execute();
}

/** Sets these posts' counts of approved comments from their comments, inside the caller's transaction. */
export async function recountApprovedComments(trx: Transaction<Database>, postIds: readonly number[]): Promise<void> {
  if (postIds.length === 0) return;
  await trx
    .updateTable('posts')
    .set((eb) => ({
      commentCount: eb
        .selectFrom('comments')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('comments.postId', '=', 'posts.id')
        .where('comments.status', '=', 'approved'),
    }))
    .where('id', 'in', postIds)
    .execute();
}

/**
 * Runs `change` on one comment and recounts its post's approved comments, in one transaction. The post
 * row is locked first (a no-op UPDATE): on PostgreSQL two moderators working on the same post then
 * recount one after the other, each seeing the other's committed change. Returns the post id, or
 * undefined when the comment does not exist.
 */
async function changeAndRecount(
  db: Db,
  commentId: number,
  change: (trx: Transaction<Database>) => Promise<{ postId: number } | undefined>,
): Promise<number | undefined> {
  return db.kysely.transaction().execute(async (trx) => {
    const target = await trx.selectFrom('comments').select('postId').where('id', '=', commentId).executeTakeFirst();
    if (!target) return undefined;
    await trx.updateTable('posts').set((eb) => ({ commentCount: eb.ref('commentCount') })).where('id', '=', target.postId).execute();
    const changed = await change(trx);
    if (!changed) return undefined;
    await recountApprovedComments(trx, [changed.postId]);
    return changed.postId;
  });
}

/** Moves a comment to `status`; `followUp` jobs (notifications of an approval) are queued in the same transaction. */
export function updateCommentStatus(db: Db, commentId: number, status: CommentStatus, followUp: readonly NewJob[] = []): Promise<number | undefined> {
  return changeAndRecount(db, commentId, async (trx) => {
    const changed = await trx.updateTable('comments').set({ status }).where('id', '=', commentId).returning('postId').executeTakeFirst();
    if (changed) for (const job of followUp) await insertJob(trx, job);
    return changed;
  });
}

export function deleteComment(db: Db, commentId: number): Promise<number | undefined> {
  return changeAndRecount(db, commentId, (trx) =>
    trx.deleteFrom('comments').where('id', '=', commentId).returning('postId').executeTakeFirst(),
  );
}

export async function listCommentsByStatus(db: Db, status: CommentStatus, limit: number, offset: number): Promise<ModerationComment[]> {
  return db.kysely
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.postId')
    .select(columns.map((c) => `comments.${c}` as const))
    .select('posts.title as postTitle')
    .where('comments.status', '=', status)
    .orderBy('comments.createdAt', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countCommentsWithStatus(db: Db, status: CommentStatus): Promise<number> {
  const row = await db.kysely
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countCommentsByStatus(db: Db): Promise<Map<CommentStatus, number>> {
  const rows = await db.kysely
    .selectFrom('comments')
    .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}
