// The primary's side of cluster IPC: relays each worker's change events to the others and keeps the shared counters.
import type { Clock } from '../kernel/clock.js';
import { type IpcMessage, parseIpcMessage } from './cluster-ipc.js';
import { createMemoryCounterStore } from './memory-counter-store.js';

/** A worker as the hub sees it. */
export interface HubPeer {
  readonly id: number;
  send(message: IpcMessage): void;
}

export interface ClusterHubOptions {
  readonly clock: Clock;
  /** The workers alive now; a change goes to each of them but its sender. */
  readonly peers: () => Iterable<HubPeer>;
}

export interface ClusterHub {
  /** Handles one message from a worker; false when it was not one of Quire's. */
  receive(from: HubPeer, value: unknown): boolean;
}

export function createClusterHub(options: ClusterHubOptions): ClusterHub {
  // Counts live in the primary's memory: one window per key for all workers, gone when the primary stops
  // (as they would be with one process). Across machines, REDIS_URL shares them instead.
  const counters = createMemoryCounterStore({ clock: options.clock });

  const relay = (from: HubPeer, message: IpcMessage) => {
    for (const peer of options.peers()) if (peer.id !== from.id) peer.send(message);
  };
  const count = (from: HubPeer, id: number, key: string, windowMs: number) => {
    counters.hit(key, windowMs).then(
      (counted) => from.send({ quire: 'counted', id, count: counted }),
      (error: unknown) => from.send({ quire: 'counted', id, error: error instanceof Error ? error.message : String(error) }),
    );
  };

  return {
    receive(from, value) {
      const message = parseIpcMessage(value);
      if (message?.quire === 'change') relay(from, message);
      else if (message?.quire === 'hit') count(from, message.id, message.key, message.windowMs);
      else if (message?.quire === 'release') void counters.release(message.key);
      return message !== undefined;
    },
  };
}
