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

export interface HistoryQuery {
  readonly postId: number;
  readonly parentId: number | null;
  readonly source: string;
  readonly email: string;
  readonly name: string;
  readonly ipHash: string;
  readonly userId: number | null;
  readonly url: string;
  /** Links since then count as repeated. */
  readonly urlSince: Timestamp;
  /** False for moderators: they skip the flood check, so its two reads are left out. */
  readonly withFlood: boolean;
}

/** What earlier comments say about a new one: the facts the flood, duplicate and status rules need. */
export interface SubmissionHistory {
  /** When this address or this e-mail last commented (any status); undefined: never, or not asked. */
  readonly latestAt: Timestamp | undefined;
  readonly isDuplicate: boolean;
  readonly hasApproved: boolean;
  readonly repeatedUrlCount: number;
}

const truthy = (value: unknown): boolean => value === true || Number(value) === 1;

/**
 * Every earlier-comments fact the pipeline needs, as scalar subqueries of one statement (one round trip, one
 * query to build), each on its index: the latest comment by address / e-mail (flood), WordPress's duplicate
 * check (the same text in reply to the same comment, or at the top, of the same post, from the same e-mail or,
 * without one, the same name; the same "Thank you!" in reply to two people is not a duplicate), an approved
 * comment by the same e-mail or account (previously approved), and the comments of the last day with the same
 * website (the same link pushed again and again).
 */
export async function findSubmissionHistory(db: Db, q: HistoryQuery): Promise<SubmissionHistory> {
  const row = await db.kysely
    .selectNoFrom((eb) => {
      const latestBy = (column: 'ipHash' | 'authorEmail', value: string) =>
        eb.selectFrom('comments').select('createdAt').where(column, '=', value).orderBy('createdAt', 'desc').limit(1);
      const duplicate = eb
        .selectFrom('comments')
        .select('id')
        .where('postId', '=', q.postId)
        .where('parentId', q.parentId === null ? 'is' : '=', q.parentId)
        .where('source', '=', q.source)
        .where((w) => (q.email ? w('authorEmail', '=', q.email) : w('authorName', '=', q.name)))
        .where('status', '!=', 'trash');
      const hasIdentity = q.email !== '' || q.userId !== null;
      const approved = eb
        .selectFrom('comments')
        .select('id')
        .where('status', '=', 'approved')
        .where((w) => w.or([
          ...(q.email ? [w('authorEmail', '=', q.email)] : []),
          ...(q.userId !== null ? [w('userId', '=', q.userId)] : []),
        ]));
      const sameUrl = eb
        .selectFrom('comments')
        .select((inner) => inner.fn.countAll<string | number>().as('n'))
        .where('authorUrl', '=', q.url)
        .where('createdAt', '>=', q.urlSince);
      return [
        (q.withFlood ? latestBy('ipHash', q.ipHash) : eb.val(null)).as('ipLatest'),
        (q.withFlood && q.email ? latestBy('authorEmail', q.email) : eb.val(null)).as('emailLatest'),
        eb.exists(duplicate.limit(1)).as('isDuplicate'),
        (hasIdentity ? eb.exists(approved.limit(1)) : eb.val<unknown>(0)).as('hasApproved'),
        (q.url ? sameUrl : eb.val(0)).as('repeatedUrlCount'),
      ];
    })
    .executeTakeFirstOrThrow();
  const times = [row.ipLatest, row.emailLatest].filter((t): t is string => typeof t === 'string').sort();
  return {
    latestAt: times.at(-1),
    isDuplicate: truthy(row.isDuplicate),
    hasApproved: truthy(row.hasApproved),
    repeatedUrlCount: Number(row.repeatedUrlCount ?? 0),
  };
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
