// The outbox: the one way any repository enqueues a background job, inside its own transaction.
import type { Kysely, Transaction } from 'kysely';
import type { Database, Timestamp } from './tables.js';

/** Tries before a failing job is declared dead, unless the job says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 8;

export interface NewJob {
  readonly kind: string;
  /** Stored as JSON; no secrets (it is readable by anyone who reads the database). */
  readonly payload: unknown;
  /** When it may run (ISO UTC); now for "as soon as possible". */
  readonly runAt: Timestamp;
  /** When it is written (the caller's clock). */
  readonly createdAt: Timestamp;
  readonly maxAttempts?: number;
  /** One stored job per key: a second enqueue with the same key is a no-op. */
  readonly dedupeKey?: string | null;
}

/**
 * Writes a queued job. Pass the transaction that writes the change the job follows, so both are
 * stored or neither is. Returns the new id, or undefined when a job with the same dedupe key exists.
 */
export async function insertJob(executor: Kysely<Database> | Transaction<Database>, job: NewJob): Promise<number | undefined> {
  const payload = JSON.stringify(job.payload ?? null);
  const row = await executor
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload,
      runAt: new Date(job.runAt).toISOString(),
      attempts: 0,
      maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      status: 'queued',
      dedupeKey: job.dedupeKey ?? null,
      createdAt: job.createdAt,
      updatedAt: job.createdAt,
    })
    // ON CONFLICT … DO NOTHING (not a read-then-insert), so two concurrent enqueues cannot both win.
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Writes `job` in place of any earlier one with its dedupe key that is not running (a rescheduled post's
 * publish job moves to the new time). A running one is left to finish: its handler re-checks what it acts on.
 */
export async function replaceJob(executor: Kysely<Database> | Transaction<Database>, job: NewJob & { readonly dedupeKey: string }): Promise<void> {
  await executor.deleteFrom('jobs').where('dedupeKey', '=', job.dedupeKey).where('status', '!=', 'running').execute();
  await insertJob(executor, job);
}
