// The job worker loop of one process: polls for due jobs, runs them through the handlers, logs, stops cleanly.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { type JobHandlers, type JobOutcome, type JobsService, type RunCounts, describeError } from '../features/jobs/index.js';
import type { ChangeBus } from '../kernel/events.js';

/** The part of a pino logger the runner uses (Fastify's server.log fits). */
export interface JobLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface JobRunnerOptions {
  readonly jobs: JobsService;
  readonly handlers: JobHandlers;
  readonly logger: JobLogger;
  /** 'job' events on this bus wake the runner before its next poll. */
  readonly events?: ChangeBus;
  /** Unique per runner: leases are held in its name. Default: host, pid and a random suffix. */
  readonly workerId?: string;
  /** Pause between polls when nothing more is due. */
  readonly pollMs?: number;
  /** Jobs claimed and run concurrently per poll. */
  readonly batchSize?: number;
  /** How long stop() waits for jobs in flight before giving up on them (their leases expire; they run again). */
  readonly stopTimeoutMs?: number;
}

export interface JobRunner {
  readonly workerId: string;
  /** Starts polling (the first poll at once); a second call does nothing. */
  start(): void;
  /** Stops polling and waits (bounded) for jobs in flight. Safe to call more than once, or before start. */
  stop(): Promise<void>;
  /** One poll now, after any poll in progress (polls never overlap, so no job runs twice here). */
  runOnce(): Promise<RunCounts>;
}

export const RUNNER_DEFAULTS = { pollMs: 5_000, batchSize: 10, stopTimeoutMs: 10_000 } as const;

export function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { jobs, handlers, logger } = options;
  const workerId = options.workerId ?? defaultWorkerId();
  const batchSize = options.batchSize ?? RUNNER_DEFAULTS.batchSize;
  const pollMs = options.pollMs ?? RUNNER_DEFAULTS.pollMs;
  const report = outcomeLogger(logger, workerId);
  // Every poll chains after the previous one: one poll at a time per runner, so it never runs a job twice.
  let tail: Promise<unknown> = Promise.resolve();
  let unsubscribe: (() => void) | undefined;

  const runOnce = (): Promise<RunCounts> => {
    const run = tail.then(() =>
      jobs.runDue(workerId, handlers, {
        limit: batchSize,
        onStart: (job) => logger.debug({ workerId, jobId: job.id, kind: job.kind, attempt: job.attempt }, 'job started'),
        onFinish: report,
      }),
    );
    tail = run.catch(() => undefined);
    return run;
  };

  const loop = createPollLoop(pollMs, async () => {
    try {
      return (await runOnce()).claimed >= batchSize; // a full batch: more may be due already
    } catch (error) {
      logger.error({ workerId, error: describeError(error) }, 'job poll failed');
      return false;
    }
  });

  return {
    workerId,
    start() {
      if (!loop.start()) return;
      unsubscribe = options.events?.subscribe((event) => {
        if (event.type === 'job') loop.wake();
      });
      logger.info({ workerId, pollMs, batchSize }, 'job runner started');
    },
    async stop() {
      const wasRunning = loop.stop();
      unsubscribe?.();
      unsubscribe = undefined;
      const drained = await settleWithin(tail, options.stopTimeoutMs ?? RUNNER_DEFAULTS.stopTimeoutMs);
      if (!drained) logger.warn({ workerId }, 'job runner stopped with jobs still running; they will run again once their lease expires');
      else if (wasRunning) logger.info({ workerId }, 'job runner stopped');
    },
    runOnce,
  };
}

interface PollLoop {
  /** False when it was already running. */
  start(): boolean;
  /** False when it was not running. Does not wait for a poll in progress. */
  stop(): boolean;
  /** Polls at once, or right after the poll in progress. */
  wake(): void;
}

/** Calls `poll` at once, then `pollMs` after each poll ends, or straight away when it returns true or was woken meanwhile. */
function createPollLoop(pollMs: number, poll: () => Promise<boolean>): PollLoop {
  let running = false;
  let polling = false;
  let wokenWhilePolling = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (delay: number) => {
    if (!running || timer || polling) return;
    timer = setTimeout(() => void tick(), delay);
    timer.unref(); // the server, not the poller, keeps a process alive
  };
  const tick = async () => {
    timer = undefined;
    polling = true;
    wokenWhilePolling = false;
    const more = await poll().finally(() => {
      polling = false;
    });
    schedule(more || wokenWhilePolling ? 0 : pollMs);
  };
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };

  return {
    start() {
      if (running) return false;
      running = true;
      schedule(0);
      return true;
    },
    stop() {
      if (!running) return false;
      running = false;
      cancel();
      return true;
    },
    wake() {
      if (!running) return;
      if (polling) {
        wokenWhilePolling = true;
        return;
      }
      cancel();
      schedule(0);
    },
  };
}

/** Logs each job's outcome: kind, id and attempt, and the error's name and message (never payloads or stacks). */
function outcomeLogger(logger: JobLogger, workerId: string): (outcome: JobOutcome) => void {
  return (outcome) => {
    const fields = { workerId, jobId: outcome.id, kind: outcome.kind, attempt: outcome.attempt, durationMs: outcome.durationMs };
    const error = outcome.error === undefined ? {} : { error: outcome.error };
    if (outcome.result === 'done') logger.info(fields, 'job done');
    else if (outcome.result === 'retried') logger.warn({ ...fields, ...error }, 'job failed; it will be retried');
    else if (outcome.result === 'dead') logger.error({ ...fields, ...error }, 'job failed for good; it is kept as dead');
    else logger.warn({ ...fields, ...error }, 'job outcome not recorded (lease lost or database unavailable); it will run again');
  };
}

/** True when `promise` settles within `ms`; never rejects. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timeout: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timeout = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true, () => true), expired]);
  } finally {
    clearTimeout(timeout);
  }
}
