// What the WXR export reads: authors, terms, and posts, comments and media a page at a time (never all at once).
import type { Kysely, Selectable } from 'kysely';
import type { CommentsTable, Database, MediaTable, PostsTable, TermsTable } from '../../db/tables.js';

type Db = Kysely<Database>;
export type PostRow = Selectable<PostsTable>;
export type CommentRow = Selectable<CommentsTable>;
export type MediaRow = Selectable<MediaTable>;
export type TermRow = Selectable<TermsTable>;

/** Accounts that wrote a post or uploaded a media item: the export's wp:author list. */
export function listAuthors(db: Db) {
  return db.selectFrom('users').select(['id', 'login', 'email', 'displayName'])
    .where((eb) => eb.or([
      eb('id', 'in', eb.selectFrom('posts').select('authorId')),
      eb('id', 'in', eb.selectFrom('media').select('authorId')),
    ]))
    .orderBy('id').execute();
}

export function listTerms(db: Db): Promise<Selectable<TermsTable>[]> {
  return db.selectFrom('terms').selectAll().orderBy('id').execute();
}

/** Every page's slug and parent, for page paths (sites have tens of pages, not millions). */
export function listPageLinks(db: Db) {
  return db.selectFrom('posts').select(['id', 'slug', 'parentId']).where('type', '=', 'page').execute();
}

export function listPostsAfter(db: Db, afterId: number, limit: number): Promise<Selectable<PostsTable>[]> {
  return db.selectFrom('posts').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export function listPostTerms(db: Db, postIds: readonly number[]) {
  if (postIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('postTerms').select(['postId', 'termId']).where('postId', 'in', postIds).execute();
}

export function listComments(db: Db, postIds: readonly number[]): Promise<Selectable<CommentsTable>[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('comments').selectAll().where('postId', 'in', postIds).orderBy('id').execute();
}

export function listMediaAfter(db: Db, afterId: number, limit: number): Promise<Selectable<MediaTable>[]> {
  return db.selectFrom('media').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/**
 * In WordPress, attachments are posts and share their ids; here they have their own. When some media id is also a
 * post id, the export moves every media id past the largest post id so that nothing in the file collides.
 */
export async function mediaIdOffset(db: Db): Promise<number> {
  const clash = await db.selectFrom('media').select('id').where('id', 'in', db.selectFrom('posts').select('id')).limit(1).executeTakeFirst();
  if (!clash) return 0;
  const max = await db.selectFrom('posts').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  return Number(max?.max ?? 0);
}
