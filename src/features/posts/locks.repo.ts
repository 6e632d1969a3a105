// Edit locks (table post_locks): who has a post open in the editor, until when.
import type { Db } from '../../db/database.js';

export interface EditLock {
  readonly postId: number;
  readonly userId: number;
  readonly expiresAt: string;
}

export function findLock(db: Db, postId: number): Promise<EditLock | undefined> {
  return db.kysely.selectFrom('postLocks').select(['postId', 'userId', 'expiresAt']).where('postId', '=', postId).executeTakeFirst();
}

/** Gives the post's lock to `userId` until `expiresAt`, whoever held it. */
export async function putLock(db: Db, lock: EditLock): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('postLocks').where('postId', '=', lock.postId).execute();
    await trx.insertInto('postLocks').values(lock).execute();
  });
}

export async function deleteLock(db: Db, postId: number, userId: number): Promise<void> {
  await db.kysely.deleteFrom('postLocks').where('postId', '=', postId).where('userId', '=', userId).execute();
}
