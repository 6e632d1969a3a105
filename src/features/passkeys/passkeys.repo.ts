// Reads and writes the passkeys of accounts (table webauthn_credentials).
import type { Db } from '../../db/database.js';
import { type StoredCredential, parseTransports } from './passkeys.js';

const columns = ['id', 'userId', 'publicKey', 'counter', 'transports', 'name', 'createdAt', 'lastUsedAt'] as const;

interface Row {
  readonly id: string;
  readonly userId: number;
  readonly publicKey: string;
  readonly counter: number | string;
  readonly transports: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

const credentialOf = (row: Row): StoredCredential =>
  ({ ...row, counter: Number(row.counter), transports: parseTransports(row.transports) });

export interface NewCredentialRow {
  readonly id: string;
  readonly userId: number;
  readonly publicKey: string;
  readonly counter: number;
  readonly transports: readonly string[];
  readonly name: string;
  readonly createdAt: string;
}

/** Runs `work` in one transaction, handing it a Db whose queries run inside it. */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => work({ ...db, kysely: trx }));
}

export async function listCredentialsOfUser(db: Db, userId: number): Promise<StoredCredential[]> {
  const rows = await db.kysely.selectFrom('webauthnCredentials').select(columns).where('userId', '=', userId).orderBy('createdAt').orderBy('id').execute();
  return rows.map(credentialOf);
}

export async function findCredential(db: Db, id: string): Promise<StoredCredential | undefined> {
  const row = await db.kysely.selectFrom('webauthnCredentials').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? credentialOf(row) : undefined;
}

/** False when a credential with this id is stored already (for this account or any other). */
export async function insertCredential(db: Db, row: NewCredentialRow): Promise<boolean> {
  const result = await db.kysely
    .insertInto('webauthnCredentials')
    .values({ ...row, transports: JSON.stringify(row.transports), lastUsedAt: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Records a sign-in: the new counter and when. Only from the counter that was checked: of two sign-ins racing
 * with one counter value, the second changes nothing (false), so a counter never moves backwards in the table.
 */
export async function updateCredentialUse(db: Db, id: string, from: number, to: number, usedAt: string): Promise<boolean> {
  const result = await db.kysely
    .updateTable('webauthnCredentials')
    .set({ counter: to, lastUsedAt: usedAt })
    .where('id', '=', id)
    .where('counter', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteCredentialOfUser(db: Db, userId: number, id: string): Promise<boolean> {
  const result = await db.kysely.deleteFrom('webauthnCredentials').where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Writes to the account's row without changing it: removals of one account's passkeys wait for each other (a row
 * lock on PostgreSQL, the write lock on SQLite), so two of them cannot both take the last but one.
 */
export async function lockUser(db: Db, userId: number): Promise<void> {
  await db.kysely.updateTable('users').set((eb) => ({ id: eb.ref('id') })).where('id', '=', userId).execute();
}

/**
 * Whether the account has a password. The users feature offers no such question, and the passkeys' last-way rule
 * needs it inside the removal's transaction, so it reads the one column here (nothing else of `users`).
 */
export async function hasPassword(db: Db, userId: number): Promise<boolean> {
  const row = await db.kysely.selectFrom('users').select('passwordHash').where('id', '=', userId).executeTakeFirst();
  return typeof row?.passwordHash === 'string' && row.passwordHash !== '';
}
