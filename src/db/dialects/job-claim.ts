// The parts of claiming a job both engines share: which jobs are claimable, and what claiming writes.
import type { ExpressionBuilder, Kysely, UpdateQueryBuilder, UpdateResult } from 'kysely';
import type { JobClaim } from '../dialect.js';
import type { Database } from '../tables.js';

/**
 * Queued jobs that are due, and running jobs whose lease ran out (their worker died) with tries left;
 * running jobs out of tries are buried by the jobs feature instead.
 */
export function isClaimable(eb: ExpressionBuilder<Database, 'jobs'>, now: string) {
  return eb.or([
    eb.and([eb('jobs.status', '=', 'queued'), eb('jobs.runAt', '<=', now)]),
    eb.and([
      eb('jobs.status', '=', 'running'),
      eb('jobs.lockedUntil', '<=', now),
      eb('jobs.attempts', '<', eb.ref('jobs.maxAttempts')),
    ]),
  ]);
}

/** An UPDATE that marks the chosen jobs running under this worker's lease; the caller adds which ids. */
export function markClaimed(db: Kysely<Database>, claim: JobClaim): UpdateQueryBuilder<Database, 'jobs', 'jobs', UpdateResult> {
  return db.updateTable('jobs').set((eb) => ({
    status: 'running',
    lockedBy: claim.workerId,
    lockedUntil: claim.leaseUntil,
    // Counted at claim time, so a worker that dies mid-job still uses up one try.
    attempts: eb('jobs.attempts', '+', 1),
    updatedAt: claim.now,
  }));
}
