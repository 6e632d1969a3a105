// The CounterStore of a cluster worker without Redis: every hit is counted by the primary, so all workers share one window.
import type { CounterStore } from '../kernel/counters.js';
import type { IpcEndpoint } from './cluster-ipc.js';

/** The primary answers in well under a millisecond; this long means it is stuck or gone. */
export const COUNTER_TIMEOUT_MS = 2_000;

export interface ClusterCounterStore extends CounterStore {
  /** Stops listening and fails every hit still waiting for its answer. */
  close(): void;
}

interface Pending {
  resolve(count: number): void;
  reject(error: Error): void;
  readonly timer: NodeJS.Timeout;
}

export function createClusterCounterStore(endpoint: IpcEndpoint, timeoutMs = COUNTER_TIMEOUT_MS): ClusterCounterStore {
  const pending = new Map<number, Pending>();
  let nextId = 0;

  const settle = (id: number, outcome: { count?: number; error?: string }) => {
    const waiting = pending.get(id);
    if (!waiting) return; // answered after its timeout: the caller has moved on
    pending.delete(id);
    clearTimeout(waiting.timer);
    if (outcome.count !== undefined) waiting.resolve(outcome.count);
    else waiting.reject(new Error(`The primary process could not count: ${outcome.error ?? 'no answer'}`));
  };
  const failAll = (reason: string) => {
    for (const id of [...pending.keys()]) settle(id, { error: reason });
  };
  const stopListening = endpoint.onMessage((message) => {
    if (message.quire === 'counted') settle(message.id, message);
  });
  const stopWatching = endpoint.onDisconnect(() => failAll('the channel to the primary closed'));

  return {
    hit(key, windowMs) {
      if (!endpoint.isConnected()) return Promise.reject(new Error('The primary process is gone: rate limits cannot be counted.'));
      const id = ++nextId;
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => settle(id, { error: `no answer within ${timeoutMs} ms` }), timeoutMs);
        pending.set(id, { resolve, reject, timer });
        endpoint.send({ quire: 'hit', id, key, windowMs });
      });
    },
    async release(key) {
      if (!endpoint.isConnected()) throw new Error('The primary process is gone: rate limits cannot be counted.');
      endpoint.send({ quire: 'release', key });
    },
    close() {
      stopListening();
      stopWatching();
      failAll('the worker is shutting down');
    },
  };
}
