// Reads and writes the media table (and clears what points at a deleted item).
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { MediaTable } from '../../db/tables.js';
import { likePattern } from '../../kernel/like.js';
import type { Media, MediaChanges, MediaQuery, MediaVariant } from './media.js';

/** An uploaded item as first stored: its file is here (an upload always has one), its texts but the title empty. */
export type NewMediaRow = Pick<
  Media, 'authorId' | 'postId' | 'originalName' | 'mimeType' | 'sizeBytes' | 'width' | 'height' | 'title' | 'variants' | 'createdAt'
> & { readonly filePath: string };

function parseVariants(json: string): MediaVariant[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as MediaVariant[]) : [];
  } catch {
    return [];
  }
}

function toMedia(row: Selectable<MediaTable>): Media {
  const { guid: _guid, variants, ...rest } = row;
  return { ...rest, variants: parseVariants(variants) };
}

export async function insertMedia(db: Db, row: NewMediaRow): Promise<Media> {
  const inserted = await db.kysely
    .insertInto('media')
    .values({ ...row, variants: JSON.stringify(row.variants), updatedAt: row.createdAt })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMedia(inserted);
}

export async function findMediaById(db: Db, id: number): Promise<Media | undefined> {
  const row = await db.kysely.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMedia(row) : undefined;
}

export async function findMediaByIds(db: Db, ids: readonly number[]): Promise<Media[]> {
  if (ids.length === 0) return [];
  const rows = await db.kysely.selectFrom('media').selectAll().where('id', 'in', [...ids]).execute();
  return rows.map(toMedia);
}

/** Items whose original is at one of these paths (a variant's path names its original once its size is cut off). */
export async function findMediaByFilePaths(db: Db, filePaths: readonly string[]): Promise<Media[]> {
  const rows = await db.kysely.selectFrom('media').selectAll().where('filePath', 'in', [...filePaths]).execute();
  return rows.map(toMedia);
}

function filtered(db: Db, query: MediaQuery) {
  let select = db.kysely.selectFrom('media');
  if (query.kind === 'image') select = select.where('mimeType', 'like', 'image/%');
  if (query.kind === 'document') select = select.where('mimeType', 'not like', 'image/%');
  if (query.authorId !== undefined) select = select.where('authorId', '=', query.authorId);
  if (query.postId === null) select = select.where('postId', 'is', null);
  else if (query.postId !== undefined) select = select.where('postId', '=', query.postId);
  for (const word of (query.search ?? '').split(/\s+/).filter(Boolean).slice(0, 10)) {
    const pattern = likePattern(word);
    select = select.where(sql<boolean>`(lower(title) like ${pattern} escape '\\' or lower(original_name) like ${pattern} escape '\\' or lower(alt_text) like ${pattern} escape '\\')`);
  }
  return select;
}

/** One page of items, newest first, and how many match in all. */
export async function listMedia(db: Db, query: MediaQuery, perPage: number, page: number): Promise<{ items: Media[]; total: number }> {
  const rows = await filtered(db, query)
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const { count } = await filtered(db, query).select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  return { items: rows.map(toMedia), total: Number(count) };
}

export async function updateMedia(db: Db, id: number, changes: MediaChanges, updatedAt: string): Promise<Media | undefined> {
  const row = await db.kysely.updateTable('media').set({ ...changes, updatedAt }).where('id', '=', id).returningAll().executeTakeFirst();
  return row ? toMedia(row) : undefined;
}

/** Whether a post or page has this id (an upload may be attached to one). */
export async function postExists(db: Db, id: number): Promise<boolean> {
  return (await db.kysely.selectFrom('posts').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The posts (and pages) that show this item as their featured image. */
export async function findPostIdsFeaturing(db: Db, id: number): Promise<number[]> {
  const rows = await db.kysely.selectFrom('posts').select('id').where('featuredMediaId', '=', id).execute();
  return rows.map((row) => row.id);
}

/** Deletes the row; posts featuring it and people using it as their picture are left without one, in the same transaction. */
export async function deleteMedia(db: Db, id: number): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('posts').set({ featuredMediaId: null }).where('featuredMediaId', '=', id).execute();
    await trx.updateTable('users').set({ avatarMediaId: null }).where('avatarMediaId', '=', id).execute();
    await trx.deleteFrom('media').where('id', '=', id).execute();
  });
}
