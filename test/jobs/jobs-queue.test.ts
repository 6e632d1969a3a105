// The durable job queue on the real database: claim, complete, retry with backoff, dead jobs, crashed
// workers, dedupe, the outbox, and many workers (separate connection pools) running each job once.
// Stand-ins: time (a clock the test moves) and the job handlers (recorders that may fail on purpose).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Db, closeDatabase, openDatabase } from '../../src/db/database.js';
import { insertJob } from '../../src/db/outbox.js';
import { JOB_RULES, type JobHandlers, backoffDelayMs, createJobsService } from '../../src/features/jobs/index.js';
import { createLocalBus } from '../../src/kernel/events.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';

const START = '2026-03-14T09:00:00.000Z';
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

const clock: MutableClock = mutableClock(START);
let app: TestApp;

// One app (one migrated database) for the file; every test starts from an empty queue at START.
beforeAll(async () => {
  app = await createTestApp({ clock });
});
afterAll(async () => app.close());
afterEach(async () => {
  await app.db.kysely.deleteFrom('jobs').execute();
  clock.set(START);
});

/** Handlers that record every call (the stand-in for real work). */
function recorder(kind: string, work: (payload: unknown) => Promise<void> = async () => {}) {
  const calls: unknown[] = [];
  const handlers: JobHandlers = {
    [kind]: async (payload) => {
      calls.push(payload);
      await work(payload);
    },
  };
  return { calls, handlers };
}

describe('enqueue, claim, complete', () => {
  it('stores a queued job that one worker claims under a lease and completes', async () => {
    const id = await app.jobs.enqueue({ kind: 'test.echo', payload: { n: 1 } });
    expect(await app.jobs.find(id as number)).toMatchObject({ status: 'queued', attempts: 0, runAt: START, payload: { n: 1 } });

    const [job, ...others] = await app.jobs.claim('worker-a', 10);
    expect(others).toEqual([]);
    expect(job).toMatchObject({ id, status: 'running', attempts: 1, lockedBy: 'worker-a', lockedUntil: plus(START, JOB_RULES.leaseMs) });
    expect(await app.jobs.claim('worker-b', 10)).toEqual([]);

    expect(await app.jobs.complete({ id: id as number }, 'worker-a')).toBe(true);
    expect(await app.jobs.find(id as number)).toMatchObject({ status: 'done', lockedBy: null, lockedUntil: null, lastError: null });
    expect(await app.jobs.claim('worker-b', 10)).toEqual([]);
  });

  it('runs due jobs through their handler with the stored payload', async () => {
    const { calls, handlers } = recorder('test.echo');
    await app.jobs.enqueue({ kind: 'test.echo', payload: { n: 7, words: ['a', 'b'] } });
    expect(await app.jobs.runDue('worker-a', handlers)).toEqual({ claimed: 1, done: 1, retried: 0, dead: 0, lost: 0 });
    expect(calls).toEqual([{ n: 7, words: ['a', 'b'] }]);
    expect(await app.jobs.runDue('worker-a', handlers)).toMatchObject({ claimed: 0 });
  });

  it('leaves a job for later alone until its time', async () => {
    const { calls, handlers } = recorder('test.later');
    await app.jobs.enqueue({ kind: 'test.later', payload: null, runAt: plus(START, 60_000) });
    expect(await app.jobs.runDue('worker-a', handlers)).toMatchObject({ claimed: 0 });
    clock.advance(60_000);
    expect(await app.jobs.runDue('worker-a', handlers)).toMatchObject({ claimed: 1, done: 1 });
    expect(calls).toHaveLength(1);
  });
});

describe('failures', () => {
  it('retries a failing job after a growing backoff, then keeps it as dead with its last error', async () => {
    const { calls, handlers } = recorder('test.flaky', async () => {
      throw new Error('mail server refused');
    });
    const id = (await app.jobs.enqueue({ kind: 'test.flaky', payload: {}, maxAttempts: 3 })) as number;

    expect(await app.jobs.runDue('worker-a', handlers)).toMatchObject({ claimed: 1, retried: 1 });
    const first = await app.jobs.find(id);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, lockedBy: null, lastError: 'Error: mail server refused' });
    expect(first?.runAt).toBe(plus(START, backoffDelayMs(1)));
    expect(await app.jobs.runDue('worker-a', handlers)).toMatchObject({ claimed: 0 });

    clock.set(first?.runAt as string);
    expect(await app.jobs.runDue('worker-a', handlers)).toMatchObject({ claimed: 1, retried: 1 });
    const second = await app.jobs.find(id);
    expect(second?.runAt).toBe(plus(first?.runAt as string, backoffDelayMs(2)));

    clock.set(second?.runAt as string);
    expect(await app.jobs.runDue('worker-a', handlers)).toMatchObject({ claimed: 1, dead: 1 });
    expect(await app.jobs.find(id)).toMatchObject({ status: 'dead', attempts: 3, lastError: 'Error: mail server refused' });

    clock.advance(24 * 60 * 60_000);
    expect(await app.jobs.runDue('worker-a', handlers)).toMatchObject({ claimed: 0 });
    expect(calls).toHaveLength(3);
  });

  it('retries a job no handler of this process knows, so a process that knows it runs it later', async () => {
    const id = (await app.jobs.enqueue({ kind: 'test.unknown', payload: {} })) as number;
    expect(await app.jobs.runDue('old-worker', {})).toMatchObject({ claimed: 1, retried: 1 });
    const waiting = await app.jobs.find(id);
    expect(waiting).toMatchObject({ status: 'queued', lastError: expect.stringMatching(/No handler for job kind "test\.unknown"/) });

    clock.set(waiting?.runAt as string);
    const { calls, handlers } = recorder('test.unknown');
    expect(await app.jobs.runDue('new-worker', handlers)).toMatchObject({ claimed: 1, done: 1 });
    expect(calls).toHaveLength(1);
  });
});

describe('a crashed worker', () => {
  it('loses its job when the lease expires: another worker runs it, once', async () => {
    const { calls, handlers } = recorder('test.crash');
    const id = (await app.jobs.enqueue({ kind: 'test.crash', payload: {} })) as number;
    const [taken] = await app.jobs.claim('crashed-worker', 1); // …and never completes it.
    expect(taken?.id).toBe(id);

    expect(await app.jobs.runDue('survivor', handlers)).toMatchObject({ claimed: 0 });
    clock.advance(JOB_RULES.leaseMs - 1);
    expect(await app.jobs.runDue('survivor', handlers)).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await app.jobs.runDue('survivor', handlers)).toMatchObject({ claimed: 1, done: 1 });
    expect(calls).toHaveLength(1);
    expect(await app.jobs.find(id)).toMatchObject({ status: 'done', attempts: 2 });

    // The crashed worker comes back: it no longer holds the job and records nothing.
    expect(await app.jobs.complete({ id }, 'crashed-worker')).toBe(false);
    clock.advance(JOB_RULES.leaseMs * 2);
    expect(await app.jobs.runDue('survivor', handlers)).toMatchObject({ claimed: 0 });
    expect(calls).toHaveLength(1);
  });

  it('on the last try leaves a dead job, not one that is retried forever', async () => {
    const { calls, handlers } = recorder('test.poison');
    const id = (await app.jobs.enqueue({ kind: 'test.poison', payload: {}, maxAttempts: 1 })) as number;
    await app.jobs.claim('crashed-worker', 1);
    clock.advance(JOB_RULES.leaseMs);
    expect(await app.jobs.runDue('survivor', handlers)).toMatchObject({ claimed: 0 });
    expect(calls).toEqual([]);
    expect(await app.jobs.find(id)).toMatchObject({ status: 'dead', lockedBy: null, lastError: expect.stringMatching(/lease expired/) });
  });
});

describe('dedupe keys and the outbox', () => {
  it('stores one job per dedupe key: enqueuing it again is a no-op', async () => {
    const first = await app.jobs.enqueue({ kind: 'test.once', payload: { v: 1 }, dedupeKey: 'test.once:1' });
    const again = await app.jobs.enqueue({ kind: 'test.once', payload: { v: 2 }, dedupeKey: 'test.once:1' });
    const other = await app.jobs.enqueue({ kind: 'test.once', payload: { v: 3 }, dedupeKey: 'test.once:2' });
    expect(first).toBeTypeOf('number');
    expect(again).toBeUndefined();
    expect(other).toBeTypeOf('number');
    expect(await app.jobs.findByDedupeKey('test.once:1')).toMatchObject({ id: first, payload: { v: 1 } });
    expect((await app.jobs.countByStatus()).queued).toBe(2);
    // Jobs without a key are never deduplicated.
    await app.jobs.enqueue({ kind: 'test.free', payload: {} });
    await app.jobs.enqueue({ kind: 'test.free', payload: {} });
    expect((await app.jobs.countByStatus()).queued).toBe(4);
  });

  it('keeps a job only if the transaction that wrote it commits', async () => {
    const rolledBack = app.db.kysely.transaction().execute(async (trx) => {
      await insertJob(trx, { kind: 'test.outbox', payload: {}, runAt: START, createdAt: START });
      throw new Error('the change failed');
    });
    await expect(rolledBack).rejects.toThrow('the change failed');
    expect(await app.jobs.countByStatus()).toEqual({ queued: 0, running: 0, done: 0, dead: 0 });

    await app.db.kysely.transaction().execute((trx) => insertJob(trx, { kind: 'test.outbox', payload: {}, runAt: START, createdAt: START }));
    expect((await app.jobs.countByStatus()).queued).toBe(1);
  });
});

describe('many workers', () => {
  const extra: Db[] = [];
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((db) => closeDatabase(db)));
  });

  it('run each of 200 jobs exactly once, each worker on its own connection pool', async () => {
    const ids = new Set<number>();
    for (let n = 0; n < 200; n++) ids.add((await app.jobs.enqueue({ kind: 'test.count', payload: { n } })) as number);
    const seen: number[] = [];
    const ranBy = new Set<string>();
    const attempts = new Set<number>();
    const workers = Array.from({ length: 5 }, (_, w) => {
      // Its own pool (PostgreSQL) or its own connection to the same file (SQLite): like another process.
      const db = openDatabase(app.config);
      extra.push(db);
      const jobs = createJobsService({ db, clock, events: createLocalBus() });
      const handlers: JobHandlers = {
        'test.count': async (payload, job) => {
          seen.push((payload as { n: number }).n);
          ranBy.add(`worker-${w}`);
          attempts.add(job.attempt);
          await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));
        },
      };
      return (async () => {
        while ((await jobs.runDue(`worker-${w}`, handlers, { limit: 4 })).claimed > 0);
      })();
    });
    await Promise.all(workers);

    expect(seen).toHaveLength(200);
    expect(new Set(seen).size).toBe(200);
    expect(attempts).toEqual(new Set([1]));
    expect(ranBy.size).toBeGreaterThan(1);
    expect(await app.jobs.countByStatus()).toEqual({ queued: 0, running: 0, done: 200, dead: 0 });
  });
});
