// Reads and writes of the users list and profile screens: listing with post counts, profile fields, role changes
// guarded so the site keeps an administrator, and removing an account with its content given to someone else.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Role } from '../../db/tables.js';
import { likePattern } from '../../kernel/like.js';
import type { UserListItem, UserListQuery, UserProfile } from './user-admin.js';

const profileColumns = ['id', 'login', 'email', 'displayName', 'role', 'bio', 'createdAt', 'emailVerifiedAt', 'url', 'avatarMediaId'] as const;
const listColumns = ['users.id', 'users.login', 'users.email', 'users.displayName', 'users.role', 'users.bio', 'users.createdAt', 'users.emailVerifiedAt'] as const;

export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => work({ ...db, kysely: trx }));
}

export async function findProfile(db: Db, id: number): Promise<UserProfile | undefined> {
  return db.kysely.selectFrom('users').select(profileColumns).where('id', '=', id).executeTakeFirst();
}

function filteredUsers(db: Db, q: Pick<UserListQuery, 'role' | 'search'>) {
  let query = db.kysely.selectFrom('users');
  if (q.role) query = query.where('users.role', '=', q.role);
  for (const word of (q.search ?? '').split(/\s+/).filter(Boolean).slice(0, 10)) {
    const pattern = likePattern(word);
    query = query.where(
      sql<boolean>`(lower(users.login) like ${pattern} escape '\\' or lower(users.display_name) like ${pattern} escape '\\' or lower(users.email) like ${pattern} escape '\\')`,
    );
  }
  return query;
}

export async function listUsers(db: Db, q: UserListQuery): Promise<UserListItem[]> {
  const rows = await filteredUsers(db, q)
    .select(listColumns)
    .select((eb) =>
      eb.selectFrom('posts').select((p) => p.fn.countAll<string | number>().as('n'))
        .whereRef('posts.authorId', '=', 'users.id').where('posts.status', '!=', 'trash').as('postCount'),
    )
    .orderBy('users.login')
    .limit(q.perPage)
    .offset((q.page - 1) * q.perPage)
    .execute();
  return rows.map((row) => ({ ...row, postCount: Number(row.postCount ?? 0) }));
}

export async function countUsers(db: Db, q: Pick<UserListQuery, 'role' | 'search'>): Promise<number> {
  const row = await filteredUsers(db, q).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countUsersByRole(db: Db): Promise<Map<Role, number>> {
  const rows = await db.kysely.selectFrom('users').select(['role', (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy('role').execute();
  return new Map(rows.map((r) => [r.role, Number(r.n)]));
}

export async function isEmailTakenByOther(db: Db, email: string, id: number): Promise<boolean> {
  return (await db.kysely.selectFrom('users').select('id').where('email', '=', email).where('id', '!=', id).executeTakeFirst()) !== undefined;
}

export interface ProfileRow {
  readonly displayName?: string;
  readonly email?: string;
  readonly url?: string;
  readonly bio?: string;
  /** Cleared when the address changes: the new one is not proven yet. */
  readonly emailVerifiedAt?: null;
}

export async function updateProfile(db: Db, id: number, changes: ProfileRow): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.kysely.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** The profile picture (a media item the caller checked), or null: initials or Gravatar. */
export async function updateAvatar(db: Db, id: number, mediaId: number | null): Promise<void> {
  await db.kysely.updateTable('users').set({ avatarMediaId: mediaId }).where('id', '=', id).execute();
}

/**
 * Locks the administrators' rows and counts them: of two changes racing to demote or remove the last two, the
 * second waits for the first and then counts what it left.
 */
export async function lockAndCountAdministrators(tx: Db): Promise<number> {
  const result = await tx.kysely.updateTable('users').set((eb) => ({ id: eb.ref('id') })).where('role', '=', 'administrator').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updateRole(tx: Db, id: number, role: Role): Promise<void> {
  await tx.kysely.updateTable('users').set({ role }).where('id', '=', id).execute();
}

/** Everything that names `from` as its author (posts, revisions, media) names `to` instead. */
export async function reassignAuthorship(tx: Db, from: number, to: number): Promise<void> {
  await tx.kysely.updateTable('posts').set({ authorId: to }).where('authorId', '=', from).execute();
  await tx.kysely.updateTable('postRevisions').set({ authorId: to }).where('authorId', '=', from).execute();
  await tx.kysely.updateTable('media').set({ authorId: to }).where('authorId', '=', from).execute();
}

/** Deletes the account; its sessions, identities and application passwords go with it (ON DELETE CASCADE). */
export async function deleteUser(tx: Db, id: number): Promise<void> {
  await tx.kysely.deleteFrom('users').where('id', '=', id).execute();
}
