// The comments of one e-mail address: read for its owner's download, erased in place (thread shape kept); the
// jobs that carry the address, deleted with them.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { type NewJob, insertJob } from '../../db/outbox.js';

export interface CommentOfEmail {
  readonly id: number;
  readonly parentId: number | null;
  readonly postId: number;
  readonly postTitle: string;
  readonly postType: string;
  readonly postStatus: string;
  readonly postSlug: string;
  readonly postPublishedLocal: string | null;
  readonly createdAt: string;
  readonly status: string;
  readonly authorName: string;
  readonly authorUrl: string;
  readonly source: string;
}

/** Signed-in authors' comments carry their account's address as typed: matched whatever its case. */
export async function listCommentsByEmail(db: Db, email: string): Promise<CommentOfEmail[]> {
  return db.kysely
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.postId')
    .select([
      'comments.id', 'comments.parentId', 'comments.postId', 'posts.title as postTitle', 'posts.type as postType',
      'posts.status as postStatus', 'posts.slug as postSlug', 'posts.publishedLocal as postPublishedLocal',
      'comments.createdAt', 'comments.status', 'comments.authorName', 'comments.authorUrl', 'comments.source',
    ])
    .where((eb) => eb(eb.fn('lower', ['comments.authorEmail']), '=', email))
    .orderBy('comments.createdAt')
    .orderBy('comments.id')
    .execute();
}

export async function countCommentsByEmail(db: Db, email: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where((eb) => eb(eb.fn('lower', ['authorEmail']), '=', email))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Runs `work` in one transaction, handing it a Db whose queries run inside it (for other features' repos too). */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => work({ ...db, kysely: trx }));
}

/**
 * Erases the comments of an address in place: they keep their id, post, parent, status and date (replies stay
 * where they are), everything that says who wrote them or what they said goes. Returns the posts touched.
 * Statuses do not change, so no post's comment count does.
 */
export async function eraseCommentsByEmail(
  tx: Db, email: string, erased: { readonly text: string; readonly html: string; readonly name: string },
): Promise<{ count: number; postIds: number[] }> {
  const rows = await tx.kysely
    .updateTable('comments')
    .set({
      source: erased.text, contentHtml: erased.html, authorName: erased.name, authorEmail: '', authorUrl: '',
      ipHash: null, userAgent: '', userId: null, identityId: null,
    })
    .where((eb) => eb(eb.fn('lower', ['authorEmail']), '=', email))
    .returning('postId')
    .execute();
  return { count: rows.length, postIds: [...new Set(rows.map((r) => r.postId))] };
}

/** Queues the mail with the link; false when one for this address was queued this hour already (dedupe key). */
export async function queuePrivacyJob(db: Db, job: NewJob): Promise<boolean> {
  return (await insertJob(db.kysely, job)) !== undefined;
}

/**
 * Deletes the jobs whose payload carries `email` (privacy links, account mails: `{"email":"ann@…"}`), whatever
 * their kind: done and dead ones, and queued mail to the address. A running job is left to its worker (deleting
 * it under the worker would only make it run again elsewhere); once done, the daily clean-up removes it after 30
 * days. Matched as the JSON string it is stored as, whatever its case; returns how many went.
 */
export async function deleteJobsCarrying(tx: Db, email: string): Promise<number> {
  const needle = JSON.stringify(email.toLowerCase());
  // '!' escapes LIKE's wildcards (both engines accept ESCAPE '!'), so "a_b@…" matches only itself.
  const pattern = `%${needle.replace(/[!%_]/g, (c) => `!${c}`)}%`;
  const result = await tx.kysely
    .deleteFrom('jobs')
    .where('status', 'in', ['done', 'dead', 'queued'])
    .where(sql<boolean>`lower(${sql.ref('payload')}) like ${pattern} escape '!'`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
