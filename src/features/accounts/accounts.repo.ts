// Reads and writes what site accounts own: their identities (the 'site' one above all) and their mail jobs.
import type { Db } from '../../db/database.js';
import { type NewJob, insertJob } from '../../db/outbox.js';
import type { AccountIdentity } from './accounts.js';

const identityColumns = ['id', 'userId', 'provider', 'subject', 'email', 'displayName', 'avatarUrl', 'createdAt'] as const;

export interface NewIdentityRow {
  readonly userId: number;
  readonly provider: string;
  readonly subject: string;
  readonly email: string | null;
  readonly displayName: string;
  readonly createdAt: string;
}

/** Runs `work` in one transaction, handing it a Db whose queries run inside it (for other features' services too). */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => work({ ...db, kysely: trx }));
}

/** The identity, or nothing when (provider, subject) exists already: a race of two sign-ins makes one row. */
export async function insertIdentityIfAbsent(db: Db, row: NewIdentityRow): Promise<void> {
  await db.kysely
    .insertInto('identities')
    .values({ ...row, avatarUrl: null })
    .onConflict((oc) => oc.columns(['provider', 'subject']).doNothing())
    .execute();
}

export async function findIdentity(db: Db, provider: string, subject: string): Promise<AccountIdentity | undefined> {
  const row = await db.kysely
    .selectFrom('identities')
    .select(identityColumns)
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return row && row.userId !== null ? { ...row, userId: row.userId } : undefined;
}

export async function listIdentitiesOfUser(db: Db, userId: number): Promise<AccountIdentity[]> {
  const rows = await db.kysely.selectFrom('identities').select(identityColumns).where('userId', '=', userId).orderBy('id').execute();
  return rows.map((row) => ({ ...row, userId }));
}

export async function updateIdentity(
  db: Db, id: number, changes: { readonly email?: string | null; readonly displayName?: string },
): Promise<void> {
  await db.kysely.updateTable('identities').set(changes).where('id', '=', id).execute();
}

export async function deleteIdentityOfUser(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await db.kysely.deleteFrom('identities').where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countIdentitiesOfUser(db: Db, userId: number): Promise<number> {
  const row = await db.kysely
    .selectFrom('identities')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('userId', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Writes to the account's row without changing it: concurrent changes to one account's sign-in methods wait for
 * each other (a row lock on PostgreSQL, the write lock on SQLite), so two unlinks cannot both take the last but one.
 */
export async function lockUser(db: Db, userId: number): Promise<void> {
  await db.kysely.updateTable('users').set((eb) => ({ id: eb.ref('id') })).where('id', '=', userId).execute();
}

/** Queues a mail job on `db` (the registration's transaction, so the account and its mail are stored together). */
export async function queueAccountJob(db: Db, job: NewJob): Promise<void> {
  await insertJob(db.kysely, job);
}
