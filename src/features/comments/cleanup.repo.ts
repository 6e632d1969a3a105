// The daily clean-up in the database: old spam removed (post counts recounted), old IP hashes forgotten, next run queued.
import type { Db } from '../../db/database.js';
import { type NewJob, insertJob } from '../../db/outbox.js';
import type { Timestamp } from '../../db/tables.js';
import { recountApprovedComments } from './comments.repo.js';

/** Spam deleted per transaction: a long backlog is removed in short steps that never hold the database for long. */
const BATCH = 500;

/**
 * Deletes spam created before `before`, a batch at a time. Each batch recounts the approved comments of the
 * posts it touched in the same transaction (a deleted spam comment's replies move up a level, the count stays
 * right whatever happened). Returns how many were deleted and the posts touched.
 */
export async function deleteSpamBefore(db: Db, before: Timestamp): Promise<{ deleted: number; postIds: number[] }> {
  let deleted = 0;
  const touched = new Set<number>();
  for (;;) {
    const batch = await db.kysely.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('comments')
        .select(['id', 'postId'])
        .where('status', '=', 'spam')
        .where('createdAt', '<', before)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) return rows;
      await trx.deleteFrom('comments').where('id', 'in', rows.map((r) => r.id)).execute();
      await recountApprovedComments(trx, [...new Set(rows.map((r) => r.postId))]);
      return rows;
    });
    deleted += batch.length;
    for (const row of batch) touched.add(row.postId);
    if (batch.length < BATCH) return { deleted, postIds: [...touched] };
  }
}

/** Forgets the IP hash of every comment created before `before`; returns how many comments lost theirs. */
export async function clearIpHashesBefore(db: Db, before: Timestamp): Promise<number> {
  const result = await db.kysely
    .updateTable('comments')
    .set({ ipHash: null })
    .where('ipHash', 'is not', null)
    .where('createdAt', '<', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Queues a run of the clean-up; false when one with the same dedupe key (the same day) exists already. */
export async function queueCleanup(db: Db, job: NewJob): Promise<boolean> {
  return (await insertJob(db.kysely, job)) !== undefined;
}
