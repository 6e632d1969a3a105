// Reads and writes comments, and keeps each post's count of approved comments.
import type { Insertable, Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CommentsTable, Database } from '../../db/tables.js';
import type { Comment, CommentStatus, ModerationComment } from './comments.js';

const columns = [
  'id', 'postId', 'parentId', 'status', 'authorName', 'authorEmail', 'authorUrl', 'userId', 'contentHtml', 'createdAt',
] as const;

export async function listApprovedComments(db: Db, postId: number): Promise<Comment[]> {
  return db.kysely
    .selectFrom('comments')
    .select(columns)
    .where('postId', '=', postId)
    .where('status', '=', 'approved')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** Inserts a comment and, when approved, counts it on its post, in one transaction. */
export async function insertComment(db: Db, row: Insertable<CommentsTable>): Promise<number> {
  return db.kysely.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('comments').values(row).returning('id').executeTakeFirstOrThrow();
    if (row.status === 'approved') {
      await trx
        .updateTable('posts')
        .set((eb) => ({ commentCount: eb('commentCount', '+', 1) }))
        .where('id', '=', row.postId)
        .execute();
    }
    return id;
  });
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
    await trx
      .updateTable('posts')
      .set((eb) => ({
        commentCount: eb
          .selectFrom('comments')
          .select((c) => c.fn.countAll<number>().as('n'))
          .where('postId', '=', changed.postId)
          .where('status', '=', 'approved'),
      }))
      .where('id', '=', changed.postId)
      .execute();
    return changed.postId;
  });
}

export function updateCommentStatus(db: Db, commentId: number, status: CommentStatus): Promise<number | undefined> {
  return changeAndRecount(db, commentId, (trx) =>
    trx.updateTable('comments').set({ status }).where('id', '=', commentId).returning('postId').executeTakeFirst(),
  );
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

export async function countCommentsByStatus(db: Db): Promise<Map<CommentStatus, number>> {
  const rows = await db.kysely
    .selectFrom('comments')
    .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}
