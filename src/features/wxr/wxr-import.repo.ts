// The rows a WXR import writes, always on the import's one transaction: ids kept where free, legacy ids, fix-ups.
import type { Insertable, Kysely } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CommentsTable, Database, LegacyKind, MediaTable, PostsTable, Taxonomy, TermsTable, UsersTable } from '../../db/tables.js';

/** The import's one transaction (a Kysely Transaction is a Kysely). */
export type Tx = Kysely<Database>;
export type NewPostRow = Insertable<PostsTable>;
export type NewCommentRow = Insertable<CommentsTable>;
type IdTable = 'posts' | 'comments' | 'terms' | 'media' | 'users';

/** Runs `work` on one transaction: committed when it resolves, rolled back when it throws. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(work);
}

/** Rows per multi-row statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
export const BATCH = 200;

export async function findLegacyIds(tx: Tx, kind: LegacyKind, oldIds: readonly number[]): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  for (let i = 0; i < oldIds.length; i += BATCH) {
    const rows = await tx.selectFrom('legacyIds').select(['oldId', 'newId']).where('kind', '=', kind)
      .where('oldId', 'in', oldIds.slice(i, i + BATCH)).execute();
    for (const row of rows) found.set(row.oldId, row.newId);
  }
  return found;
}

export async function insertLegacyIds(tx: Tx, kind: LegacyKind, pairs: readonly (readonly [number, number])[]): Promise<void> {
  for (let i = 0; i < pairs.length; i += BATCH) {
    const values = pairs.slice(i, i + BATCH).map(([oldId, newId]) => ({ kind, oldId, newId }));
    await tx.insertInto('legacyIds').values(values).onConflict((oc) => oc.columns(['kind', 'oldId']).doNothing()).execute();
  }
}

/** Which of `ids` some row of `table` already has. */
export async function findTakenIds(tx: Tx, table: IdTable, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

export async function findUserId(tx: Tx, column: 'login' | 'email', value: string): Promise<number | undefined> {
  const row = await tx.selectFrom('users').select('id').where(column, '=', value).executeTakeFirst();
  return row?.id;
}

export async function findUserRole(tx: Tx, id: number): Promise<UsersTable['role'] | undefined> {
  const row = await tx.selectFrom('users').select('role').where('id', '=', id).executeTakeFirst();
  return row?.role;
}

export async function insertUser(tx: Tx, row: Insertable<UsersTable>): Promise<number> {
  const inserted = await tx.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findTermId(tx: Tx, taxonomy: Taxonomy, slug: string): Promise<number | undefined> {
  const row = await tx.selectFrom('terms').select('id').where('taxonomy', '=', taxonomy).where('slug', '=', slug).executeTakeFirst();
  return row?.id;
}

export async function insertTerm(tx: Tx, row: Insertable<TermsTable>): Promise<number> {
  const inserted = await tx.insertInto('terms').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function setTermParent(tx: Tx, id: number, parentId: number): Promise<void> {
  await tx.updateTable('terms').set({ parentId }).where('id', '=', id).execute();
}

/**
 * Slugs of `type` equal to `base` or starting with `base-` (the candidates firstFreeSlug must avoid). Most imported
 * slugs are free: one index lookup says so; only a taken one pays for the prefix search, which no index serves.
 */
export async function findTakenSlugs(tx: Tx, type: PostsTable['type'], base: string): Promise<Set<string>> {
  const exact = await tx.selectFrom('posts').select('slug').where('type', '=', type).where('slug', '=', base).executeTakeFirst();
  if (!exact) return new Set();
  // Slugs hold letters, digits and hyphens only: no LIKE wildcard to escape.
  const rows = await tx.selectFrom('posts').select('slug').where('type', '=', type).where('slug', 'like', `${base}-%`).execute();
  return new Set([base, ...rows.map((row) => row.slug)]);
}

export async function insertPost(tx: Tx, row: Insertable<PostsTable>, termIds: readonly number[]): Promise<number> {
  const inserted = await tx.insertInto('posts').values(row).returning('id').executeTakeFirstOrThrow();
  const unique = [...new Set(termIds)];
  if (unique.length > 0) await tx.insertInto('postTerms').values(unique.map((termId) => ({ postId: inserted.id, termId }))).execute();
  return inserted.id;
}

export async function setPostLinks(tx: Tx, id: number, links: { parentId?: number; featuredMediaId?: number }): Promise<void> {
  await tx.updateTable('posts').set(links).where('id', '=', id).execute();
}

export async function insertLegacyPath(tx: Tx, path: string, postId: number): Promise<void> {
  await tx.insertInto('legacyPaths').values({ path, postId }).onConflict((oc) => oc.column('path').doNothing()).execute();
}

export async function insertMedia(tx: Tx, row: Insertable<MediaTable>): Promise<number> {
  const inserted = await tx.insertInto('media').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function setMediaPost(tx: Tx, id: number, postId: number): Promise<void> {
  await tx.updateTable('media').set({ postId }).where('id', '=', id).execute();
}

/** Many comments in one statement (their ids given); one with no id gets a new one. */
export async function insertComments(tx: Tx, rows: readonly Insertable<CommentsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('comments').values([...rows]).execute();
}

export async function insertComment(tx: Tx, row: Insertable<CommentsTable>): Promise<number> {
  const inserted = await tx.insertInto('comments').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function setCommentParent(tx: Tx, id: number, parentId: number): Promise<void> {
  await tx.updateTable('comments').set({ parentId }).where('id', '=', id).execute();
}

/** Each post's approved comments, counted again (what the comment pipeline keeps up to date one by one). */
export async function recountComments(tx: Tx, postIds: readonly number[]): Promise<void> {
  for (let i = 0; i < postIds.length; i += BATCH) {
    await tx.updateTable('posts')
      .set((eb) => ({
        commentCount: eb.selectFrom('comments').select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('comments.postId', '=', 'posts.id').where('comments.status', '=', 'approved'),
      }))
      .where('id', 'in', postIds.slice(i, i + BATCH))
      .execute();
  }
}

export async function findPageLink(tx: Tx, id: number): Promise<{ slug: string; parentId: number | null } | undefined> {
  return tx.selectFrom('posts').select(['slug', 'parentId']).where('id', '=', id).executeTakeFirst();
}

/** The post an old permalink path now names. */
export async function findLegacyPathPost(tx: Tx, path: string): Promise<number | undefined> {
  const row = await tx.selectFrom('legacyPaths').select('postId').where('path', '=', path).executeTakeFirst();
  return row?.postId;
}

/** The largest comment id (0 when there is none). */
export async function findMaxCommentId(tx: Tx): Promise<number> {
  return Number((await tx.selectFrom('comments').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst())?.max ?? 0);
}

/** The kinds some earlier import recorded: for the others, no item can be "already imported". */
export async function findLegacyKinds(tx: Tx): Promise<Set<LegacyKind>> {
  const rows = await tx.selectFrom('legacyIds').select('kind').distinct().execute();
  return new Set(rows.map((row) => row.kind));
}

export async function findPostGuid(tx: Tx, id: number): Promise<string | null | undefined> {
  const row = await tx.selectFrom('posts').select('guid').where('id', '=', id).executeTakeFirst();
  return row?.guid;
}

export async function findPostIdByGuid(tx: Tx, guid: string): Promise<number | undefined> {
  const row = await tx.selectFrom('posts').select('id').where('guid', '=', guid).executeTakeFirst();
  return row?.id;
}

/** The post each of these comments is on. */
export async function findCommentPosts(tx: Tx, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom('comments').select(['id', 'postId']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.postId]));
}

/** A comment on `postId` by the same address at the same time with the same text: the same comment, imported before. */
export async function findSameComment(tx: Tx, c: { postId: number; authorEmail: string; createdAt: string; source: string }): Promise<number | undefined> {
  const row = await tx.selectFrom('comments').select('id').where('postId', '=', c.postId).where('authorEmail', '=', c.authorEmail)
    .where('createdAt', '=', c.createdAt).where('source', '=', c.source).executeTakeFirst();
  return row?.id;
}
