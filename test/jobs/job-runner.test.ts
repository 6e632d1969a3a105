// The worker loop: wakes when this process enqueues, runs each job once, logs without payloads, stops cleanly.
// Stand-ins: the logger (a recorder), time for the jobs (a clock the test moves) and the handlers.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobHandlers } from '../../src/features/jobs/index.js';
import { type JobLogger, type JobRunner, createJobRunner } from '../../src/jobs/runner.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { mutableClock } from '../support/clock.js';

interface Line {
  readonly level: string;
  readonly fields: object;
  readonly message: string;
}

function recordingLogger(): { lines: Line[]; logger: JobLogger } {
  const lines: Line[] = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, fields, message });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

function deferred(): { promise: Promise<void>; release: () => void } {
  let release = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

let app: TestApp;
let runner: JobRunner | undefined;

// One app (one migrated database) for the file; every test starts with an empty queue and no runner.
beforeAll(async () => {
  app = await createTestApp({ clock: mutableClock('2026-03-14T09:00:00.000Z') });
});
afterAll(async () => app.close());
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
  await app.db.kysely.deleteFrom('jobs').execute();
});

function startRunner(handlers: JobHandlers, options: { stopTimeoutMs?: number } = {}) {
  const { lines, logger } = recordingLogger();
  // A poll interval far longer than any test: only a wake-up can run a job in time.
  runner = createJobRunner({ jobs: app.jobs, handlers, logger, events: app.events, pollMs: 60_000, ...options });
  runner.start();
  return { lines, runner };
}

describe('the job runner', () => {
  it('wakes as soon as this process enqueues, and runs each job once', async () => {
    const calls: number[] = [];
    startRunner({ 'test.wake': async (_payload, job) => void calls.push(job.id) });
    const first = await app.jobs.enqueue({ kind: 'test.wake', payload: {} });
    await vi.waitFor(() => expect(calls).toEqual([first]));
    const second = await app.jobs.enqueue({ kind: 'test.wake', payload: {} });
    await vi.waitFor(() => expect(calls).toEqual([first, second]));
    expect((await app.jobs.countByStatus()).done).toBe(2);
  });

  it('never overlaps its polls, so a job is not run twice by one runner', async () => {
    const gate = deferred();
    const calls: number[] = [];
    const { runner: started } = startRunner({
      'test.slow': async (_payload, job) => {
        calls.push(job.id);
        await gate.promise;
      },
    });
    await app.jobs.enqueue({ kind: 'test.slow', payload: {} });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const extra = started.runOnce(); // waits for the poll in progress instead of running beside it
    gate.release();
    expect(await extra).toMatchObject({ claimed: 0 });
    expect(calls).toHaveLength(1);
  });

  it('logs kind, id and attempt, and a failure by its message only: no payload', async () => {
    const { lines } = startRunner({
      'test.secretive': async () => {
        throw new Error('the mail server said no');
      },
    });
    const id = await app.jobs.enqueue({ kind: 'test.secretive', payload: { email: 'reader@example.test', token: 'tok-s3cret' } });
    await vi.waitFor(() => expect(lines.some((l) => l.message.includes('retried'))).toBe(true));
    const failure = lines.find((l) => l.level === 'warn');
    expect(failure?.fields).toMatchObject({ jobId: id, kind: 'test.secretive', attempt: 1, error: 'Error: the mail server said no' });
    const everything = JSON.stringify(lines);
    expect(everything).not.toContain('reader@example.test');
    expect(everything).not.toContain('tok-s3cret');
    expect(everything).not.toMatch(/\n\s+at /);
  });

  it('stops only after the jobs in flight finish', async () => {
    const gate = deferred();
    let started = false;
    const { runner: running } = startRunner({
      'test.gate': async () => {
        started = true;
        await gate.promise;
      },
    });
    const id = (await app.jobs.enqueue({ kind: 'test.gate', payload: {} })) as number;
    await vi.waitFor(() => expect(started).toBe(true));
    let stopped = false;
    const stopping = running.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    gate.release();
    await stopping;
    expect(await app.jobs.find(id)).toMatchObject({ status: 'done' });
  });

  it('gives up waiting after its stop timeout, leaving the job to its lease', async () => {
    const never = deferred();
    let started = false;
    const { lines, runner: running } = startRunner(
      {
        'test.stuck': async () => {
          started = true;
          await never.promise;
        },
      },
      { stopTimeoutMs: 50 },
    );
    const id = (await app.jobs.enqueue({ kind: 'test.stuck', payload: {} })) as number;
    await vi.waitFor(() => expect(started).toBe(true));
    await running.stop();
    expect(lines.some((l) => l.level === 'warn' && /still running/.test(l.message))).toBe(true);
    expect(await app.jobs.find(id)).toMatchObject({ status: 'running' });
  });

  it('runs nothing once stopped', async () => {
    const calls: number[] = [];
    const { runner: running } = startRunner({ 'test.after': async (_payload, job) => void calls.push(job.id) });
    await running.stop();
    await app.jobs.enqueue({ kind: 'test.after', payload: {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual([]);
  });
});
