// Reads and writes one-time tokens (stored as hashes only).
import type { Db } from '../../db/database.js';
import type { OneTimeTokensTable } from '../../db/tables.js';

export async function insertToken(db: Db, row: OneTimeTokensTable): Promise<void> {
  await db.kysely.insertInto('oneTimeTokens').values(row).execute();
}

export async function findLiveToken(db: Db, purpose: string, tokenHash: string, now: string): Promise<{ subject: string } | undefined> {
  return db.kysely
    .selectFrom('oneTimeTokens')
    .select('subject')
    .where('tokenHash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
}

/** Marks a live token used; exactly one caller wins a race for the same token. */
export async function markTokenUsed(db: Db, purpose: string, tokenHash: string, now: string): Promise<{ subject: string } | undefined> {
  return db.kysely
    .updateTable('oneTimeTokens')
    .set({ usedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returning('subject')
    .executeTakeFirst();
}

export async function deleteUnusedTokens(db: Db, purpose: string): Promise<void> {
  await db.kysely.deleteFrom('oneTimeTokens').where('purpose', '=', purpose).where('usedAt', 'is', null).execute();
}

/** Every token, of any purpose, issued for `subject` (an erased e-mail address, say); how many there were. */
export async function deleteTokensForSubject(db: Db, subject: string): Promise<number> {
  const result = await db.kysely.deleteFrom('oneTimeTokens').where('subject', '=', subject).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Tokens used, or expired, before `before`: they open nothing any more; how many went. */
export async function deleteStaleTokens(db: Db, before: string): Promise<number> {
  const result = await db.kysely
    .deleteFrom('oneTimeTokens')
    .where((eb) => eb.or([eb('usedAt', '<', before), eb('expiresAt', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
