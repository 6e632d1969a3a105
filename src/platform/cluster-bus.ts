// The ChangeBus of a cluster worker without Redis: delivers here synchronously, and through the primary to every other worker.
import { createLocalBus } from '../kernel/events.js';
import type { IpcEndpoint } from './cluster-ipc.js';
import type { SynchronizedBus } from './redis-bus.js';

export interface ClusterBus extends SynchronizedBus {
  /** Stops listening to the primary. */
  close(): void;
}

export function createClusterBus(endpoint: IpcEndpoint, onError: (error: unknown, message: string) => void): ClusterBus {
  const local = createLocalBus((error) => onError(error, 'a change listener failed'));
  // The primary relays to every worker but the sender, so nothing comes back here twice.
  const stopListening = endpoint.onMessage((message) => {
    if (message.quire === 'change') local.publish(message.event);
  });
  return {
    publish(event) {
      local.publish(event);
      endpoint.send({ quire: 'change', event });
    },
    subscribe: (listener) => local.subscribe(listener),
    // Without its primary a worker hears no other worker's changes (and Node ends an orphaned worker anyway).
    isSynchronized: () => endpoint.isConnected(),
    close: stopListening,
  };
}
