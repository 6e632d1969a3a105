// The primary of `quire serve --workers N`: prepares the site once, forks and restarts the workers, relays between them, stops them on a signal.
import cluster, { type Address, type Worker } from 'node:cluster';
import { type HubPeer, createWorkerHub } from '../app.js';
import type { Config } from '../config/schema.js';
import { prepareSite, readyLines } from '../main.js';
import { type PrimaryLog, createPrimaryLog } from './primary-log.js';
import { RESTART_POLICY, type RestartPolicy, decideRestart } from './restart-policy.js';

export interface PrimaryOptions {
  readonly workers: number;
  readonly print?: (line: string) => void;
  readonly policy?: RestartPolicy;
  /** How long a stop waits for the workers before killing them. */
  readonly stopTimeoutMs?: number;
}

/** Longer than a worker needs to drain: its job runner alone may wait 10 s for jobs in flight. */
export const STOP_TIMEOUT_MS = 20_000;

interface Slot {
  worker: Worker | undefined;
  startedAt: number;
  /** Quick crashes in a row (see decideRestart). */
  crashes: number;
  listening: boolean;
  timer: NodeJS.Timeout | undefined;
}

interface Supervisor {
  /** Forks every worker; resolves with the address they listen on once all do, rejects if one dies first. */
  start(): Promise<string>;
  /** SIGTERM to every worker; resolves 0 once all have exited, 1 when some had to be killed after the timeout. */
  stop(): Promise<number>;
}

interface SupervisorDeps {
  readonly count: number;
  readonly log: PrimaryLog;
  readonly policy: RestartPolicy;
  readonly stopTimeoutMs: number;
  /** Workers keep crashing: the primary must stop everything and fail. */
  readonly onGiveUp: () => void;
}

export async function runPrimary(config: Config, options: PrimaryOptions): Promise<void> {
  const log = createPrimaryLog(config.logLevel);
  const setupLink = await prepareSite(config);
  relayBetweenWorkers();
  const stopAndExit = (code: number) => void supervisor.stop().then((stopCode) => process.exit(Math.max(code, stopCode)));
  const supervisor = createSupervisor({
    count: options.workers,
    log,
    policy: options.policy ?? RESTART_POLICY,
    stopTimeoutMs: options.stopTimeoutMs ?? STOP_TIMEOUT_MS,
    onGiveUp: () => stopAndExit(1),
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping the workers');
      stopAndExit(0);
    });
  }
  let url: string;
  try {
    url = await supervisor.start();
  } catch (error) {
    await supervisor.stop();
    throw error;
  }
  for (const line of readyLines(config, `${url} with ${options.workers} workers`, setupLink)) (options.print ?? console.log)(line);
}

/** Workers without Redis publish their changes and count their rate limits through the primary. */
function relayBetweenWorkers(): void {
  const peerOf = (worker: Worker): HubPeer => ({
    id: worker.id,
    send(message) {
      // With a callback, a worker that just went away costs a dropped message, not an 'error' event.
      if (worker.isConnected()) worker.send(message, undefined, undefined, () => {});
    },
  });
  const hub = createWorkerHub(() =>
    Object.values(cluster.workers ?? {})
      .filter((worker): worker is Worker => worker !== undefined)
      .map(peerOf),
  );
  cluster.on('message', (worker, message: unknown) => hub.receive(peerOf(worker), message));
}

interface State {
  readonly deps: SupervisorDeps;
  readonly slots: Slot[];
  phase: 'starting' | 'running' | 'stopping';
  readonly started: Deferred<string>;
  /** Set while stopping: called once the last worker has exited. */
  allExited?: () => void;
}

function createSupervisor(deps: SupervisorDeps): Supervisor {
  const slots = Array.from({ length: deps.count }, (): Slot => ({ worker: undefined, startedAt: 0, crashes: 0, listening: false, timer: undefined }));
  const state: State = { deps, slots, phase: 'starting', started: deferred<string>() };
  let stopped: Promise<number> | undefined;
  cluster.on('listening', (worker, address) => onListening(state, worker, address));
  cluster.on('exit', (worker, code, signal) => onExit(state, worker, code, signal));
  return {
    start() {
      for (const slot of slots) fork(slot);
      return state.started.promise;
    },
    stop() {
      if (state.phase !== 'stopping') {
        state.phase = 'stopping';
        state.started.reject(new Error('Stopped before every worker was serving.'));
        stopped = stopAll(state);
      }
      return stopped ?? Promise.resolve(0);
    },
  };
}

function fork(slot: Slot): void {
  Object.assign(slot, { worker: cluster.fork(), startedAt: Date.now(), listening: false, timer: undefined });
}

function onListening(state: State, worker: Worker, address: Address): void {
  const slot = state.slots.find((s) => s.worker === worker);
  if (!slot || slot.listening) return; // a second address of the same worker (HOST=localhost listens on two)
  slot.listening = true;
  if (state.phase === 'starting' && state.slots.every((s) => s.listening)) {
    state.phase = 'running';
    state.started.resolve(urlOf(address));
  } else if (state.phase === 'running') {
    state.deps.log.info({ worker: worker.id, workerPid: worker.process.pid }, 'the restarted worker is serving');
  }
}

function onExit(state: State, worker: Worker, code: number | null, signal: string | null): void {
  const slot = state.slots.find((s) => s.worker === worker);
  if (!slot) return;
  slot.worker = undefined;
  if (state.phase === 'stopping') {
    if (state.slots.every((s) => s.worker === undefined)) state.allExited?.();
  } else if (state.phase === 'starting') {
    state.started.reject(new Error(`Worker ${worker.id} exited (${signal ?? `code ${code}`}) before it could serve; see its log above.`));
  } else {
    restartLater(state, slot, { worker: worker.id, workerPid: worker.process.pid, code, signal });
  }
}

function restartLater(state: State, slot: Slot, how: Readonly<Record<string, unknown>>): void {
  const { log, policy, onGiveUp } = state.deps;
  const decision = decideRestart(slot.crashes, Date.now() - slot.startedAt, policy);
  slot.crashes = decision.crashes;
  if (decision.action === 'give-up') {
    log.error({ ...how, crashes: decision.crashes }, 'a worker keeps crashing; giving up and stopping the site');
    onGiveUp();
    return;
  }
  log.warn({ ...how, crashes: decision.crashes, restartInMs: decision.delayMs }, 'a worker died unexpectedly; restarting it');
  slot.timer = setTimeout(() => fork(slot), decision.delayMs);
}

/** SIGTERM to every worker (each drains and exits 0); those still there at the deadline are killed. */
function stopAll(state: State): Promise<number> {
  const { slots, deps } = state;
  return new Promise((resolve) => {
    const deadline = setTimeout(() => {
      const stuck = slots.flatMap((slot) => (slot.worker ? [slot.worker] : []));
      deps.log.error({ workers: stuck.map((w) => w.id), waitedMs: deps.stopTimeoutMs }, 'workers did not stop in time; killing them');
      for (const worker of stuck) worker.process.kill('SIGKILL');
      resolve(1);
    }, deps.stopTimeoutMs);
    state.allExited = () => {
      clearTimeout(deadline);
      resolve(0);
    };
    for (const slot of slots) {
      clearTimeout(slot.timer);
      slot.worker?.process.kill('SIGTERM');
    }
    if (slots.every((s) => s.worker === undefined)) state.allExited();
  });
}

function urlOf(address: Address): string {
  const host = address.address || '127.0.0.1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // rejected after the start was already awaited (or never awaited): nobody to tell
  return { promise, resolve, reject };
}
