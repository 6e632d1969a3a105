// Commenter bans in the database: added and lifted, never deleted, so the history of who banned whom stays.
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CommentBansTable, Timestamp } from '../../db/tables.js';
import type { Ban } from './bans.js';

const columns = ['id', 'kind', 'value', 'reason', 'createdBy', 'createdAt', 'expiresAt', 'liftedAt', 'liftedBy'] as const;

/** Bans neither lifted nor expired at `now`. */
export async function listActiveBans(db: Db, now: Timestamp): Promise<Ban[]> {
  return db.kysely
    .selectFrom('commentBans')
    .select(columns)
    .where('liftedAt', 'is', null)
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
    .orderBy('id')
    .execute();
}

/** Every ban ever made, newest first: the history. */
export async function listBanHistory(db: Db, limit: number): Promise<Ban[]> {
  return db.kysely.selectFrom('commentBans').select(columns).orderBy('id', 'desc').limit(limit).execute();
}

export async function insertBan(db: Db, row: Insertable<CommentBansTable>): Promise<number> {
  const { id } = await db.kysely.insertInto('commentBans').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Stamps a ban lifted; false when there is no such ban or it was lifted already. */
export async function liftBan(db: Db, id: number, by: number | null, at: Timestamp): Promise<boolean> {
  const result = await db.kysely
    .updateTable('commentBans')
    .set({ liftedAt: at, liftedBy: by })
    .where('id', '=', id)
    .where('liftedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
