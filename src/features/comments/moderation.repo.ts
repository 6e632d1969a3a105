// Reads and writes of the moderation screen beyond one status change: the filtered list (search, post), a
// moderator's reply, an edit of a comment, and changes to many comments at once, each keeping post counts right.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { type NewJob, insertJob } from '../../db/outbox.js';
import type { Insertable } from 'kysely';
import type { CommentsTable } from '../../db/tables.js';
import { likePattern } from '../../kernel/like.js';
import type { CommentStatus, ModerationComment } from './comments.js';
import { recountApprovedComments } from './comments.repo.js';

const columns = [
  'id', 'postId', 'parentId', 'status', 'authorName', 'authorEmail', 'authorUrl', 'userId', 'contentHtml', 'createdAt',
] as const;

export interface ModerationFilter {
  readonly status: CommentStatus;
  /** Words in the author's name, e-mail, website or the text. */
  readonly search?: string;
  readonly postId?: number;
}

function filtered(db: Db, f: ModerationFilter) {
  let query = db.kysely.selectFrom('comments').where('comments.status', '=', f.status);
  if (f.postId !== undefined) query = query.where('comments.postId', '=', f.postId);
  for (const word of (f.search ?? '').split(/\s+/).filter(Boolean).slice(0, 10)) {
    const p = likePattern(word);
    query = query.where(sql<boolean>`(lower(comments.author_name) like ${p} escape '\\' or lower(comments.author_email) like ${p} escape '\\'
      or lower(comments.author_url) like ${p} escape '\\' or lower(comments.source) like ${p} escape '\\')`);
  }
  return query;
}

export async function listModeration(db: Db, f: ModerationFilter, limit: number, offset: number): Promise<ModerationComment[]> {
  return filtered(db, f)
    .innerJoin('posts', 'posts.id', 'comments.postId')
    .select(columns.map((c) => `comments.${c}` as const))
    .select('posts.title as postTitle')
    .orderBy('comments.createdAt', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countModeration(db: Db, f: ModerationFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The comment's text as written (the edit form shows it), or undefined. */
export async function findSource(db: Db, id: number): Promise<string | undefined> {
  return (await db.kysely.selectFrom('comments').select('source').where('id', '=', id).executeTakeFirst())?.source;
}

/** Stores a moderator's reply, approving its parent if it was held (as WordPress's "Approve and Reply"). */
export async function insertReply(db: Db, row: Insertable<CommentsTable>, jobs: (id: number) => readonly NewJob[]): Promise<number> {
  return db.kysely.transaction().execute(async (trx) => {
    if (row.parentId !== null && row.parentId !== undefined) {
      await trx.updateTable('comments').set({ status: 'approved' }).where('id', '=', row.parentId).where('status', '=', 'pending').execute();
    }
    const { id } = await trx.insertInto('comments').values(row).returning('id').executeTakeFirstOrThrow();
    for (const job of jobs(id)) await insertJob(trx, job);
    await recountApprovedComments(trx, [row.postId]);
    return id;
  });
}

export interface CommentEdit {
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string;
  readonly source: string;
  readonly contentHtml: string;
  readonly status: CommentStatus;
}

/** Changes a comment's fields and status (with `followUp` jobs); its post's count follows. The post id, or undefined when there is no such comment. */
export async function updateComment(db: Db, id: number, edit: CommentEdit, followUp: readonly NewJob[]): Promise<number | undefined> {
  return db.kysely.transaction().execute(async (trx) => {
    const changed = await trx.updateTable('comments').set(edit).where('id', '=', id).returning('postId').executeTakeFirst();
    if (!changed) return undefined;
    for (const job of followUp) await insertJob(trx, job);
    await recountApprovedComments(trx, [changed.postId]);
    return changed.postId;
  });
}

/**
 * Moves these comments to `move.to` (or deletes them, null; only those in `move.from` when given), recounting their posts, in one transaction. The
 * posts are locked first, in id order, so two moderators' bulk actions wait for each other rather than deadlock.
 */
export async function changeMany(
  db: Db, ids: readonly number[], move: { readonly to: CommentStatus | null; readonly from?: CommentStatus | undefined },
  followUp: (id: number) => readonly NewJob[],
): Promise<{ readonly changedIds: readonly number[]; readonly postIds: readonly number[] }> {
  const status = move.to;
  if (ids.length === 0) return { changedIds: [], postIds: [] };
  return db.kysely.transaction().execute(async (trx) => {
    const targets = await trx.selectFrom('comments').select(['id', 'postId', 'status']).where('id', 'in', [...ids]).execute();
    const postIds = [...new Set(targets.map((t) => t.postId))].sort((a, b) => a - b);
    for (const postId of postIds) await trx.updateTable('posts').set((eb) => ({ commentCount: eb.ref('commentCount') })).where('id', '=', postId).execute();
    const changedIds = targets.filter((t) => t.status !== status && (move.from === undefined || t.status === move.from)).map((t) => t.id);
    if (changedIds.length > 0) {
      if (status === null) await trx.deleteFrom('comments').where('id', 'in', changedIds).execute();
      else await trx.updateTable('comments').set({ status }).where('id', 'in', changedIds).execute();
      for (const id of changedIds) for (const job of followUp(id)) await insertJob(trx, job);
    }
    await recountApprovedComments(trx, postIds);
    return { changedIds, postIds };
  });
}
