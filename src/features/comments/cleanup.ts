// The daily clean-up's rules (pure): what is old enough to go, and the one job per day that does it.
import type { NewJob } from '../../db/outbox.js';
import { COMMENTS_CLEANUP_JOB, IP_KEPT_DAYS, SPAM_KEPT_DAYS } from './comments.js';

const DAY = 24 * 60 * 60_000;

export interface CleanupReport {
  /** Spam comments deleted for good. */
  readonly spamDeleted: number;
  /** Comments whose IP hash was forgotten. */
  readonly ipHashesCleared: number;
  /** The day of the next run (YYYY-MM-DD, UTC), queued (or already queued) by this run. */
  readonly nextRun: string;
}

/** Spam older than SPAM_KEPT_DAYS and IP hashes older than IP_KEPT_DAYS go. */
export function cleanupCutoffs(now: Date): { readonly spamBefore: string; readonly ipHashBefore: string } {
  return {
    spamBefore: new Date(now.getTime() - SPAM_KEPT_DAYS * DAY).toISOString(),
    ipHashBefore: new Date(now.getTime() - IP_KEPT_DAYS * DAY).toISOString(),
  };
}

/** The UTC day of `at`, as YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The clean-up job of one UTC day, run at `runAt`. Its dedupe key names the day, so however many processes
 * start or however often a run is retried, the queue holds one clean-up per day.
 */
export function cleanupJob(runAt: Date, now: Date): NewJob {
  return {
    kind: COMMENTS_CLEANUP_JOB,
    payload: {},
    runAt: runAt.toISOString(),
    createdAt: now.toISOString(),
    dedupeKey: `${COMMENTS_CLEANUP_JOB}:${utcDay(runAt)}`,
  };
}

/** Midnight UTC after `now`: when tomorrow's run is due. */
export function nextCleanupAt(now: Date): Date {
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return new Date(midnight.getTime() + DAY);
}
