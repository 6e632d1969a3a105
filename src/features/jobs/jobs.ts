// Background jobs: their types and the pure rules (retry backoff, leases, when a job is dead).
import type { JobStatus } from '../../db/tables.js';
import { isAppError } from '../../kernel/errors.js';

export type { JobStatus } from '../../db/tables.js';

export interface Job {
  readonly id: number;
  readonly kind: string;
  /** Parsed JSON; each kind's handler checks its shape. */
  readonly payload: unknown;
  readonly runAt: string;
  /** Tries so far, counting the current one while it runs. */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lockedBy: string | null;
  readonly lockedUntil: string | null;
  readonly lastError: string | null;
  readonly status: JobStatus;
  readonly dedupeKey: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a handler is told besides the payload (for logs and idempotence). */
export interface JobContext {
  readonly id: number;
  readonly kind: string;
  readonly attempt: number;
}

/** Jobs of one kind created at or after `since` (ISO UTC), optionally only those whose dedupe key starts or ends so. */
export interface RecentJobsQuery {
  readonly kind: string;
  readonly since: string;
  readonly dedupeKey?: { readonly prefix?: string; readonly suffix?: string };
}

/** Runs one job; throwing fails this try. Handlers must be idempotent: a job may run again after a crash. */
export type JobHandler = (payload: unknown, job: JobContext) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface JobRules {
  /** How long a claimed job belongs to its worker; the runner renews it while the handler runs. */
  readonly leaseMs: number;
  /** Delay before the first retry; doubled for each later one. */
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
}

export const JOB_RULES: JobRules = { leaseMs: 5 * 60_000, backoffBaseMs: 30_000, backoffCapMs: 60 * 60_000 };

/**
 * How long a done job is kept (for diagnosis, and so the rate limits that count recent jobs see them) before the
 * daily clean-up deletes it. Dead jobs are kept until someone looks at them.
 */
export const DONE_JOBS_KEPT_DAYS = 30;

/** Longest last_error kept: enough to diagnose, never a whole stack or payload. */
export const MAX_ERROR_LENGTH = 1_000;

/**
 * Wait before retrying after failed try number `attempt` (1-based): base·2^(attempt−1), capped.
 * No jitter: the lease and SKIP LOCKED already spread workers, and tests can predict every time.
 */
export function backoffDelayMs(attempt: number, rules: JobRules = JOB_RULES): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(rules.backoffBaseMs * 2 ** exponent, rules.backoffCapMs);
}

export function retryAt(now: Date, attempt: number, rules: JobRules = JOB_RULES): string {
  return new Date(now.getTime() + backoffDelayMs(attempt, rules)).toISOString();
}

export function leaseUntil(now: Date, rules: JobRules = JOB_RULES): string {
  return new Date(now.getTime() + rules.leaseMs).toISOString();
}

/** A job has used up its tries. */
export function isExhausted(job: Pick<Job, 'attempts' | 'maxAttempts'>): boolean {
  return job.attempts >= job.maxAttempts;
}

/** Errors that no retry can fix: the job's own input is wrong (an AppError of kind 'invalid'). */
export function isPermanentFailure(error: unknown): boolean {
  return isAppError(error) && error.kind === 'invalid';
}

export type FailureOutcome = { readonly status: 'queued'; readonly runAt: string } | { readonly status: 'dead' };

/** What a failed try leads to: another try after the backoff, or a dead job kept for inspection. */
export function outcomeOfFailure(job: Pick<Job, 'attempts' | 'maxAttempts'>, error: unknown, now: Date, rules: JobRules = JOB_RULES): FailureOutcome {
  if (isExhausted(job) || isPermanentFailure(error)) return { status: 'dead' };
  return { status: 'queued', runAt: retryAt(now, job.attempts, rules) };
}

/** The error as stored in last_error and logged: its name and message only (no stack, no payload), bounded. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `Non-error thrown: ${String(error)}`;
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/** Parses a stored payload; a corrupt one becomes undefined, which the kind's handler refuses. */
export function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
