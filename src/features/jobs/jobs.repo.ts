// Reads and writes the jobs table: enqueue, claim (through the dialect), finish, fail, renew and bury.
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { JobClaim } from '../../db/dialect.js';
import { type NewJob, insertJob } from '../../db/outbox.js';
import type { JobStatus, JobsTable } from '../../db/tables.js';
import { type FailureOutcome, type Job, type RecentJobsQuery, parsePayload } from './jobs.js';

function toJob(row: Selectable<JobsTable>): Job {
  return { ...row, payload: parsePayload(row.payload) };
}

/** Enqueues outside any other change (a change's own repository calls insertJob in its transaction). */
export function insertNewJob(db: Db, job: NewJob): Promise<number | undefined> {
  return insertJob(db.kysely, job);
}

/** The engine-specific atomic claim (FOR UPDATE SKIP LOCKED on PostgreSQL, one UPDATE on SQLite). */
export async function claimJobs(db: Db, claim: JobClaim): Promise<Job[]> {
  return (await db.dialect.claimJobs(db.kysely, claim)).map(toJob);
}

/** Marks a job done, only while this worker still holds it; false when its lease was lost to another. */
export async function completeJob(db: Db, id: number, workerId: string, now: string): Promise<boolean> {
  const result = await db.kysely
    .updateTable('jobs')
    .set({ status: 'done', lockedBy: null, lockedUntil: null, updatedAt: now })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lockedBy', '=', workerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records a failed try: queued again at `outcome.runAt`, or dead. False when this worker no longer holds it. */
export async function failJob(
  db: Db,
  id: number,
  workerId: string,
  outcome: FailureOutcome,
  lastError: string,
  now: string,
): Promise<boolean> {
  const result = await db.kysely
    .updateTable('jobs')
    .set({
      status: outcome.status,
      ...(outcome.status === 'queued' ? { runAt: outcome.runAt } : {}),
      lockedBy: null,
      lockedUntil: null,
      lastError,
      updatedAt: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lockedBy', '=', workerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Extends the lease of jobs this worker is still running, so a long handler is not taken for dead. */
export async function renewLeases(db: Db, ids: readonly number[], workerId: string, until: string, now: string): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.kysely
    .updateTable('jobs')
    .set({ lockedUntil: until, updatedAt: now })
    .where('id', 'in', ids)
    .where('status', '=', 'running')
    .where('lockedBy', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Running jobs whose worker died on their last try: dead, since no try is left to reclaim them with. */
export async function buryAbandonedJobs(db: Db, now: string, lastError: string): Promise<number> {
  const result = await db.kysely
    .updateTable('jobs')
    .set({ status: 'dead', lockedBy: null, lockedUntil: null, lastError, updatedAt: now })
    .where('status', '=', 'running')
    .where('lockedUntil', '<=', now)
    .where((eb) => eb('attempts', '>=', eb.ref('maxAttempts')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findJobById(db: Db, id: number): Promise<Job | undefined> {
  const row = await db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toJob(row);
}

export async function findJobByDedupeKey(db: Db, dedupeKey: string): Promise<Job | undefined> {
  const row = await db.kysely.selectFrom('jobs').selectAll().where('dedupeKey', '=', dedupeKey).executeTakeFirst();
  return row && toJob(row);
}

export async function countJobsByStatus(db: Db): Promise<Record<JobStatus, number>> {
  const rows = await db.kysely
    .selectFrom('jobs')
    .select((eb) => ['status', eb.fn.countAll<string | number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** LIKE text for a key with this start and end; '!' escapes the wildcards (both engines accept ESCAPE '!'). */
function dedupeKeyPattern(match: NonNullable<RecentJobsQuery['dedupeKey']>): string {
  const literal = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);
  return `${literal(match.prefix ?? '')}%${literal(match.suffix ?? '')}`;
}

/** Jobs of one kind created since a time: the (kind, created_at) index reads only that stretch of that kind. */
function recentJobs(db: Db, query: RecentJobsQuery) {
  let select = db.kysely.selectFrom('jobs').where('kind', '=', query.kind).where('createdAt', '>=', query.since);
  if (query.dedupeKey) select = select.where(sql<boolean>`${sql.ref('dedupeKey')} like ${dedupeKeyPattern(query.dedupeKey)} escape '!'`);
  return select;
}

export async function countRecentJobs(db: Db, query: RecentJobsQuery): Promise<number> {
  const row = await recentJobs(db, query).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listRecentJobs(db: Db, query: RecentJobsQuery, limit: number): Promise<Job[]> {
  const rows = await recentJobs(db, query).selectAll().orderBy('createdAt').orderBy('id').limit(limit).execute();
  return rows.map(toJob);
}

/** Done jobs last touched before `before`, except those of `keepKinds`; how many went. */
export async function deleteDoneJobs(db: Db, before: string, keepKinds: readonly string[]): Promise<number> {
  let query = db.kysely.deleteFrom('jobs').where('status', '=', 'done').where('updatedAt', '<', before);
  if (keepKinds.length > 0) query = query.where('kind', 'not in', [...keepKinds]);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
