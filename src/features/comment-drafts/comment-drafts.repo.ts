// Reads and writes the comment_drafts table (rows keyed by the hash of the browser's draft id).
import type { Db } from '../../db/database.js';
import type { CommentDraftsTable } from '../../db/tables.js';
import type { CommentDraft } from './comment-drafts.js';

export async function insertDraft(db: Db, row: CommentDraftsTable): Promise<void> {
  await db.kysely.insertInto('commentDrafts').values(row).execute();
}

export async function findLiveDraft(db: Db, idHash: string, now: string): Promise<CommentDraft | undefined> {
  return db.kysely
    .selectFrom('commentDrafts')
    .select(['postId', 'parentId', 'text'])
    .where('idHash', '=', idHash)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
}

export async function deleteDraft(db: Db, idHash: string): Promise<void> {
  await db.kysely.deleteFrom('commentDrafts').where('idHash', '=', idHash).execute();
}

export async function deleteExpiredDrafts(db: Db, now: string): Promise<void> {
  await db.kysely.deleteFrom('commentDrafts').where('expiresAt', '<=', now).execute();
}
