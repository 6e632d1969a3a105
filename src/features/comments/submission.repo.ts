// The reads the comment pipeline's checks need, and the one transaction that stores a comment with its follow-up jobs.
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import { type NewJob, insertJob } from '../../db/outbox.js';
import type { CommentsTable, Timestamp } from '../../db/tables.js';

export interface ReplyTarget {
  readonly id: number;
  readonly postId: number;
  readonly status: string;
  readonly authorName: string;
}

export async function findReplyTarget(db: Db, id: number): Promise<ReplyTarget | undefined> {
  return db.kysely.selectFrom('comments').select(['id', 'postId', 'status', 'authorName']).where('id', '=', id).executeTakeFirst();
}

/** When this address or this e-mail last commented (any status), or undefined. */
export async function findLatestCommentTime(db: Db, who: { readonly ipHash: string; readonly email: string }): Promise<Timestamp | undefined> {
  const byIp = db.kysely.selectFrom('comments').select('createdAt').where('ipHash', '=', who.ipHash).orderBy('createdAt', 'desc').limit(1);
  const byEmail = who.email
    ? db.kysely.selectFrom('comments').select('createdAt').where('authorEmail', '=', who.email).orderBy('createdAt', 'desc').limit(1)
    : undefined;
  const [ip, email] = await Promise.all([byIp.executeTakeFirst(), byEmail?.executeTakeFirst()]);
  const times = [ip?.createdAt, email?.createdAt].filter((t): t is string => t !== undefined).sort();
  return times.at(-1);
}

/**
 * WordPress's duplicate check: the same text in reply to the same comment (or at the top) of the same post, from the
 * same e-mail (or, without one, the same name). The same "Thank you!" in reply to two people is not a duplicate.
 */
export async function isDuplicateComment(
  db: Db,
  comment: { readonly postId: number; readonly parentId: number | null; readonly source: string; readonly email: string; readonly name: string },
): Promise<boolean> {
  const row = await db.kysely
    .selectFrom('comments')
    .select('id')
    .where('postId', '=', comment.postId)
    .where('parentId', comment.parentId === null ? 'is' : '=', comment.parentId)
    .where('source', '=', comment.source)
    .where((eb) => (comment.email ? eb('authorEmail', '=', comment.email) : eb('authorName', '=', comment.name)))
    .where('status', '!=', 'trash')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function hasApprovedComment(db: Db, who: { readonly email: string; readonly userId: number | null }): Promise<boolean> {
  if (!who.email && who.userId === null) return false;
  const row = await db.kysely
    .selectFrom('comments')
    .select('id')
    .where('status', '=', 'approved')
    .where((eb) => eb.or([
      ...(who.email ? [eb('authorEmail', '=', who.email)] : []),
      ...(who.userId !== null ? [eb('userId', '=', who.userId)] : []),
    ]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Comments since `since` whose website is `url`: the same link pushed again and again. */
export async function countCommentsWithUrl(db: Db, url: string, since: Timestamp): Promise<number> {
  if (!url) return 0;
  const row = await db.kysely
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('authorUrl', '=', url)
    .where('createdAt', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Stores the comment, counts it on its post when approved, and queues its jobs: all or nothing. */
export async function insertCommentWithJobs(db: Db, row: Insertable<CommentsTable>, jobs: (id: number) => readonly NewJob[]): Promise<number> {
  return db.kysely.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('comments').values(row).returning('id').executeTakeFirstOrThrow();
    if (row.status === 'approved') {
      await trx.updateTable('posts').set((eb) => ({ commentCount: eb('commentCount', '+', 1) })).where('id', '=', row.postId).execute();
    }
    for (const job of jobs(id)) await insertJob(trx, job);
    return id;
  });
}
