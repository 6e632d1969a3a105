// Reads and writes the identities table.
import type { Db } from '../../db/database.js';
import type { Identity } from './identity.js';

const columns = ['id', 'userId', 'provider', 'subject', 'email', 'displayName', 'avatarUrl', 'createdAt'] as const;

export type IdentityRow = Omit<Identity, 'id' | 'userId'> & { readonly userId: number };

export async function findIdentity(db: Db, provider: string, subject: string): Promise<Identity | undefined> {
  return db.kysely.selectFrom('identities').select(columns).where('provider', '=', provider).where('subject', '=', subject).executeTakeFirst();
}

export async function findIdentityById(db: Db, id: number): Promise<Identity | undefined> {
  return db.kysely.selectFrom('identities').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function insertIdentity(db: Db, row: IdentityRow): Promise<Identity> {
  return db.kysely.insertInto('identities').values(row).returning(columns).executeTakeFirstOrThrow();
}

export interface IdentityProfile {
  readonly email: string | null;
  readonly displayName: string;
  readonly avatarUrl: string | null;
}

/** What the provider says now (name, verified e-mail) and the stored avatar. */
export async function updateIdentityProfile(db: Db, id: number, profile: IdentityProfile): Promise<Identity> {
  return db.kysely.updateTable('identities').set(profile).where('id', '=', id).returning(columns).executeTakeFirstOrThrow();
}

/** Points the identity at `userId`; only while it points at nobody or at `expectedUserId` (no silent takeover). */
export async function linkIdentity(db: Db, id: number, userId: number, expectedUserId: number | null): Promise<Identity | undefined> {
  const query = db.kysely.updateTable('identities').set({ userId }).where('id', '=', id);
  const guarded = expectedUserId === null ? query.where('userId', 'is', null) : query.where('userId', '=', expectedUserId);
  return guarded.returning(columns).executeTakeFirst();
}

export async function listIdentitiesForUser(db: Db, userId: number): Promise<Identity[]> {
  return db.kysely.selectFrom('identities').select(columns).where('userId', '=', userId).orderBy('id').execute();
}

export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => work({ ...db, kysely: trx }));
}
