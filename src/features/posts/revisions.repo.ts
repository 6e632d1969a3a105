// The saved states of posts (revisions) and each author's one autosave, in table post_revisions.
import type { Db } from '../../db/database.js';
import type { RevisionKind } from '../../db/tables.js';

export interface Revision {
  readonly id: number;
  readonly postId: number;
  readonly authorId: number;
  readonly kind: RevisionKind;
  readonly title: string;
  readonly source: string;
  readonly excerpt: string;
  readonly createdAt: string;
}

export interface RevisionText {
  readonly title: string;
  readonly source: string;
  readonly excerpt: string;
}

const columns = ['id', 'postId', 'authorId', 'kind', 'title', 'source', 'excerpt', 'createdAt'] as const;

/** Every revision and autosave of a post, newest first. */
export function listRevisions(db: Db, postId: number): Promise<Revision[]> {
  return db.kysely.selectFrom('postRevisions').select(columns).where('postId', '=', postId).orderBy('id', 'desc').execute();
}

export function findRevision(db: Db, postId: number, id: number): Promise<Revision | undefined> {
  return db.kysely.selectFrom('postRevisions').select(columns).where('postId', '=', postId).where('id', '=', id).executeTakeFirst();
}

export function findAutosave(db: Db, postId: number, authorId: number): Promise<Revision | undefined> {
  return db.kysely
    .selectFrom('postRevisions').select(columns)
    .where('postId', '=', postId).where('authorId', '=', authorId).where('kind', '=', 'autosave')
    .orderBy('id', 'desc').executeTakeFirst();
}

export async function insertRevision(db: Db, postId: number, authorId: number, text: RevisionText, createdAt: string): Promise<void> {
  await db.kysely.insertInto('postRevisions').values({ postId, authorId, kind: 'revision', createdAt, ...text }).execute();
}

/** Replaces the author's autosave of the post (one per post and author, as WordPress keeps). */
export async function replaceAutosave(db: Db, postId: number, authorId: number, text: RevisionText, createdAt: string): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('postRevisions').where('postId', '=', postId).where('authorId', '=', authorId).where('kind', '=', 'autosave').execute();
    await trx.insertInto('postRevisions').values({ postId, authorId, kind: 'autosave', createdAt, ...text }).execute();
  });
}
