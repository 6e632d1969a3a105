// Reads and writes comments.
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CommentsTable } from '../../db/tables.js';
import type { Comment } from './comments.js';

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
