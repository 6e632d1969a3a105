// Reads and writes application passwords (table application_passwords): hashes only, never a password.
import type { Db } from '../../db/database.js';
import type { AppPassword } from './app-passwords.js';

const listed = ['uuid', 'name', 'createdAt', 'lastUsedAt'] as const;

export interface StoredAppPassword extends AppPassword {
  readonly id: number;
  readonly passwordHash: string;
}

export interface NewAppPasswordRow {
  readonly userId: number;
  readonly uuid: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly createdAt: string;
}

export async function listAppPasswordsOfUser(db: Db, userId: number): Promise<AppPassword[]> {
  return db.kysely.selectFrom('applicationPasswords').select(listed).where('userId', '=', userId).orderBy('createdAt').orderBy('id').execute();
}

/** With their hashes: what checking a password compares against (at most 50 rows per account). */
export async function listStoredOfUser(db: Db, userId: number): Promise<StoredAppPassword[]> {
  return db.kysely
    .selectFrom('applicationPasswords')
    .select(['id', ...listed, 'passwordHash'])
    .where('userId', '=', userId)
    .orderBy('id')
    .execute();
}

export async function insertAppPassword(db: Db, row: NewAppPasswordRow): Promise<AppPassword> {
  await db.kysely.insertInto('applicationPasswords').values({ ...row, lastUsedAt: null, lastIpHash: null }).execute();
  return { uuid: row.uuid, name: row.name, createdAt: row.createdAt, lastUsedAt: null };
}

export async function updateLastUse(db: Db, id: number, usedAt: string, ipHash: string | null): Promise<void> {
  await db.kysely.updateTable('applicationPasswords').set({ lastUsedAt: usedAt, lastIpHash: ipHash }).where('id', '=', id).execute();
}

export async function deleteAppPasswordOfUser(db: Db, userId: number, uuid: string): Promise<boolean> {
  const result = await db.kysely.deleteFrom('applicationPasswords').where('userId', '=', userId).where('uuid', '=', uuid).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteAllAppPasswordsOfUser(db: Db, userId: number): Promise<number> {
  const result = await db.kysely.deleteFrom('applicationPasswords').where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Writes to the account's row without changing it: two creations for one account wait for each other (the limit of 50 holds). */
export async function lockUser(db: Db, userId: number): Promise<void> {
  await db.kysely.updateTable('users').set((eb) => ({ id: eb.ref('id') })).where('id', '=', userId).execute();
}

/** Runs `work` in one transaction, handing it a Db whose queries run inside it. */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => work({ ...db, kysely: trx }));
}
