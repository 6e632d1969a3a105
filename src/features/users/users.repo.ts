// Reads and writes the users table.
import type { Db } from '../../db/database.js';
import type { Role } from '../../db/tables.js';
import type { User } from './users.js';

const publicColumns = ['id', 'login', 'email', 'displayName', 'role', 'bio', 'createdAt', 'emailVerifiedAt'] as const;

export interface UserRow {
  readonly login: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly passwordHash: string | null;
  readonly bio: string;
  readonly createdAt: string;
}

export async function insertUser(db: Db, row: UserRow): Promise<User> {
  return db.kysely.insertInto('users').values(row).returning(publicColumns).executeTakeFirstOrThrow();
}

export async function findUserById(db: Db, id: number): Promise<User | undefined> {
  return db.kysely.selectFrom('users').select(publicColumns).where('id', '=', id).executeTakeFirst();
}

export async function findUserByLogin(db: Db, login: string): Promise<User | undefined> {
  return db.kysely.selectFrom('users').select(publicColumns).where('login', '=', login).executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.kysely.selectFrom('users').select(publicColumns).where('email', '=', email).executeTakeFirst();
}

/** The account and its password hash, for sign-in only: the hash never leaves the users feature. */
export async function findCredentialsByEmail(db: Db, email: string): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await db.kysely
    .selectFrom('users')
    .select([...publicColumns, 'passwordHash'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!row) return undefined;
  const { passwordHash, ...user } = row;
  return { user, passwordHash };
}

export async function listUsersByIds(db: Db, ids: readonly number[]): Promise<User[]> {
  if (ids.length === 0) return [];
  return db.kysely.selectFrom('users').select(publicColumns).where('id', 'in', ids).execute();
}

export async function listUsersWithRole(db: Db, role: Role): Promise<User[]> {
  return db.kysely.selectFrom('users').select(publicColumns).where('role', '=', role).orderBy('id').execute();
}

export async function countUsersWithRole(db: Db, role: Role): Promise<number> {
  const row = await db.kysely
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function isLoginOrEmailTaken(db: Db, login: string, email: string): Promise<{ login: boolean; email: boolean }> {
  const rows = await db.kysely
    .selectFrom('users')
    .select(['login', 'email'])
    .where((eb) => eb.or([eb('login', '=', login), eb('email', '=', email)]))
    .execute();
  return { login: rows.some((r) => r.login === login), email: rows.some((r) => r.email === email) };
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  return (await db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Stamps the address as proven, once: a later proof keeps the first date. */
export async function updateEmailVerified(db: Db, id: number, at: string): Promise<void> {
  await db.kysely.updateTable('users').set({ emailVerifiedAt: at }).where('id', '=', id).where('emailVerifiedAt', 'is', null).execute();
}

export async function updatePasswordHash(db: Db, id: number, passwordHash: string | null): Promise<void> {
  await db.kysely.updateTable('users').set({ passwordHash }).where('id', '=', id).execute();
}

export async function updateDisplayName(db: Db, id: number, displayName: string): Promise<User | undefined> {
  return db.kysely.updateTable('users').set({ displayName }).where('id', '=', id).returning(publicColumns).executeTakeFirst();
}
