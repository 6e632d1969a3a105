// Background jobs: enqueue, claim, and run what is due through a registry of handlers, recording each outcome.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import type { ChangeBus } from '../../kernel/events.js';
import {
  type FailureOutcome, type Job, type JobContext, type JobHandlers, type JobRules, type RecentJobsQuery, DONE_JOBS_KEPT_DAYS, JOB_RULES, describeError,
  leaseUntil, outcomeOfFailure,
} from './jobs.js';
import * as repo from './jobs.repo.js';

export interface EnqueueInput {
  readonly kind: string;
  /** JSON-serialisable; stored in the database, so never secrets. */
  readonly payload: unknown;
  /** ISO UTC; now when absent. */
  readonly runAt?: string;
  readonly maxAttempts?: number;
  readonly dedupeKey?: string;
}

export type JobResult = 'done' | 'retried' | 'dead' | 'lost';

export interface JobOutcome extends JobContext {
  /** 'lost': the outcome could not be recorded for this worker (lease taken over, or the database failed). */
  readonly result: JobResult;
  /** describeError() of the failure, when the try failed. */
  readonly error?: string;
  readonly durationMs: number;
}

export interface RunCounts {
  readonly claimed: number;
  readonly done: number;
  readonly retried: number;
  readonly dead: number;
  readonly lost: number;
}

export interface RunOptions {
  /** Most jobs claimed (and run concurrently) in one call. */
  readonly limit?: number;
  readonly onStart?: (job: JobContext) => void;
  readonly onFinish?: (outcome: JobOutcome) => void;
}

export interface JobsService {
  /** Returns the new job's id, or undefined when its dedupe key is already taken. */
  enqueue(input: EnqueueInput): Promise<number | undefined>;
  /** Takes up to `limit` due jobs for this worker (leased; see JOB_RULES.leaseMs). */
  claim(workerId: string, limit: number): Promise<Job[]>;
  /** False when the worker no longer held the job (its lease expired and another worker took it). */
  complete(job: Pick<Job, 'id'>, workerId: string): Promise<boolean>;
  /** Records a failed try; undefined when the worker no longer held the job. */
  fail(job: Job, workerId: string, error: unknown): Promise<FailureOutcome | undefined>;
  /** Claims due jobs and runs each through its kind's handler, concurrently; resolves when all are recorded. */
  runDue(workerId: string, handlers: JobHandlers, options?: RunOptions): Promise<RunCounts>;
  find(id: number): Promise<Job | undefined>;
  findByDedupeKey(key: string): Promise<Job | undefined>;
  countByStatus(): ReturnType<typeof repo.countJobsByStatus>;
  /** How many jobs of a kind were queued since a time (whatever became of them): rates such as mails per recipient. */
  countRecent(query: RecentJobsQuery): Promise<number>;
  /** The oldest `limit` of those jobs. */
  listRecent(query: RecentJobsQuery, limit: number): Promise<Job[]>;
  /**
   * Deletes the jobs done more than DONE_JOBS_KEPT_DAYS ago, except those of `keepKinds` (kinds whose done row,
   * through its dedupe key, is what keeps them from running twice ever); how many went.
   */
  purgeDone(keepKinds: readonly string[]): Promise<number>;
}

const DEFAULT_BATCH = 10;
const ABANDONED = 'The worker stopped before finishing the last try (its lease expired).';

function tally(outcomes: readonly JobOutcome[]): RunCounts {
  const count = (result: JobResult) => outcomes.filter((o) => o.result === result).length;
  return { claimed: outcomes.length, done: count('done'), retried: count('retried'), dead: count('dead'), lost: count('lost') };
}

export function createJobsService(deps: {
  readonly db: Db;
  readonly clock: Clock;
  readonly events: ChangeBus;
  readonly rules?: JobRules;
}): JobsService {
  const { db, clock, events } = deps;
  const rules = deps.rules ?? JOB_RULES;
  const now = () => clock.now().toISOString();

  const service: JobsService = {
    async enqueue(input) {
      const at = now();
      const id = await repo.insertNewJob(db, { ...input, runAt: input.runAt ?? at, createdAt: at });
      if (id !== undefined) events.publish({ type: 'job', kind: input.kind });
      return id;
    },

    claim(workerId, limit) {
      const at = clock.now();
      return repo.claimJobs(db, { workerId, now: at.toISOString(), leaseUntil: leaseUntil(at, rules), limit });
    },

    complete: (job, workerId) => repo.completeJob(db, job.id, workerId, now()),

    async fail(job, workerId, error) {
      const outcome = outcomeOfFailure(job, error, clock.now(), rules);
      return (await repo.failJob(db, job.id, workerId, outcome, describeError(error), now())) ? outcome : undefined;
    },

    async runDue(workerId, handlers, options = {}) {
      await repo.buryAbandonedJobs(db, now(), ABANDONED);
      const jobs = await service.claim(workerId, Math.max(1, Math.min(options.limit ?? DEFAULT_BATCH, 100)));
      if (jobs.length === 0) return tally([]);
      const renewal = keepLeases({ db, clock, rules }, jobs.map((j) => j.id), workerId);
      try {
        return tally(await Promise.all(jobs.map((job) => runOne(service, job, workerId, handlers, options))));
      } finally {
        clearInterval(renewal);
      }
    },

    find: (id) => repo.findJobById(db, id),
    findByDedupeKey: (key) => repo.findJobByDedupeKey(db, key),
    countByStatus: () => repo.countJobsByStatus(db),
    countRecent: (query) => repo.countRecentJobs(db, query),
    listRecent: (query, limit) => repo.listRecentJobs(db, query, Math.max(1, Math.min(limit, 1_000))),
    purgeDone: (keepKinds) =>
      repo.deleteDoneJobs(db, new Date(clock.now().getTime() - DONE_JOBS_KEPT_DAYS * 24 * 60 * 60_000).toISOString(), keepKinds),
  };

  return service;
}

/** Renews the leases while handlers run, so only a dead worker's jobs expire. */
function keepLeases(deps: { db: Db; clock: Clock; rules: JobRules }, ids: readonly number[], workerId: string): NodeJS.Timeout {
  const timer = setInterval(() => {
    const at = deps.clock.now();
    repo.renewLeases(deps.db, ids, workerId, leaseUntil(at, deps.rules), at.toISOString()).catch(() => {
      // A missed renewal only risks a second run after the lease; the next renewal may succeed.
    });
  }, Math.max(1_000, deps.rules.leaseMs / 3));
  timer.unref();
  return timer;
}

/** Runs the kind's handler; returns what it threw, or undefined when it succeeded. */
async function runHandler(handlers: JobHandlers, job: Job, context: JobContext): Promise<{ failure: unknown } | undefined> {
  try {
    const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
    if (!handler) throw new Error(`No handler for job kind "${job.kind}" in this process.`);
    await handler(job.payload, context);
    return undefined;
  } catch (failure) {
    return { failure };
  }
}

/** Records the try's outcome for this worker; 'lost' when it no longer holds the job or the database failed. */
async function recordOutcome(service: JobsService, job: Job, workerId: string, failed: { failure: unknown } | undefined): Promise<JobResult> {
  try {
    if (!failed) return (await service.complete(job, workerId)) ? 'done' : 'lost';
    const outcome = await service.fail(job, workerId, failed.failure);
    if (!outcome) return 'lost';
    return outcome.status === 'dead' ? 'dead' : 'retried';
  } catch {
    // Nothing recorded: the lease will expire and another try will come (handlers are idempotent).
    return 'lost';
  }
}

async function runOne(service: JobsService, job: Job, workerId: string, handlers: JobHandlers, options: RunOptions): Promise<JobOutcome> {
  const context: JobContext = { id: job.id, kind: job.kind, attempt: job.attempts };
  const started = performance.now();
  options.onStart?.(context);
  const failed = await runHandler(handlers, job, context);
  const result = await recordOutcome(service, job, workerId, failed);
  const durationMs = Math.round(performance.now() - started);
  const outcome: JobOutcome = failed ? { ...context, result, durationMs, error: describeError(failed.failure) } : { ...context, result, durationMs };
  options.onFinish?.(outcome);
  return outcome;
}
