// Chooses the infrastructure behind the kernel's ports: Redis when REDIS_URL is set, else a cluster worker's primary, else in-process.
import cluster from 'node:cluster';
import type { Config } from '../config/schema.js';
import type { Clock } from '../kernel/clock.js';
import type { CounterStore } from '../kernel/counters.js';
import { type ChangeBus, createLocalBus } from '../kernel/events.js';
import { createClusterBus } from './cluster-bus.js';
import { createClusterCounterStore } from './cluster-counter-store.js';
import { type IpcEndpoint, processEndpoint } from './cluster-ipc.js';
import { createMemoryCounterStore } from './memory-counter-store.js';
import { createRedisBus } from './redis-bus.js';
import { closeRedis, connectRedis } from './redis-client.js';
import { createRedisCounterStore } from './redis-counter-store.js';
import { createRedisSessionStore } from './redis-session-store.js';
import type { SessionStore } from '../kernel/sessions.js';

export interface Platform {
  /** Change events: in-process, or shared by every process of the site through Redis. */
  readonly events: ChangeBus;
  /** Counters for rate limits. */
  readonly counters: CounterStore;
  /** Signed-in sessions kept in Redis; undefined without Redis, where the database keeps them (shared by every process). */
  readonly sessions?: SessionStore;
  /** False while this process may be missing other processes' changes (caches must not be trusted then). */
  isSynchronized(): boolean;
  close(): Promise<void>;
}

export interface PlatformDeps {
  readonly clock: Clock;
  /** Where failures that no request is waiting for are reported (the logger, once there is one). */
  readonly report: (error: unknown, message: string) => void;
  /** The link to the cluster primary; by default this process's own IPC channel when it is a cluster worker. */
  readonly ipc?: IpcEndpoint | undefined;
}

export async function openPlatform(config: Pick<Config, 'redisUrl' | 'redisPrefix'>, deps: PlatformDeps): Promise<Platform> {
  if (config.redisUrl === undefined) {
    const ipc = deps.ipc ?? (cluster.isWorker ? processEndpoint((error) => deps.report(error, 'could not reach the primary process')) : undefined);
    return ipc ? openClusterPlatform(ipc, deps) : openLocalPlatform(deps);
  }
  return openRedisPlatform(config.redisUrl, config.redisPrefix, deps);
}

function openLocalPlatform(deps: PlatformDeps): Platform {
  return {
    events: createLocalBus((error) => deps.report(error, 'a change listener failed')),
    counters: createMemoryCounterStore({ clock: deps.clock }),
    isSynchronized: () => true,
    close: async () => {},
  };
}

/** Workers on one machine without Redis: the primary relays changes between them and keeps the counters. */
function openClusterPlatform(ipc: IpcEndpoint, deps: PlatformDeps): Platform {
  const events = createClusterBus(ipc, deps.report);
  const counters = createClusterCounterStore(ipc);
  return {
    events,
    counters,
    isSynchronized: () => events.isSynchronized(),
    async close() {
      events.close();
      counters.close();
    },
  };
}

async function openRedisPlatform(redisUrl: string, redisPrefix: string, deps: PlatformDeps): Promise<Platform> {
  const onError = (error: unknown) => deps.report(error, 'Redis connection error');
  const publisher = await connectRedis(redisUrl, 'quire', onError);
  const subscriber = await connectRedis(redisUrl, 'quire-events', onError).catch(async (error: unknown) => {
    await closeRedis(publisher);
    throw error;
  });
  try {
    const events = await createRedisBus({ publisher, subscriber, channel: `${redisPrefix}changes`, onError: deps.report });
    return {
      events,
      counters: createRedisCounterStore(publisher, redisPrefix),
      sessions: createRedisSessionStore(publisher, redisPrefix, deps.clock),
      isSynchronized: () => events.isSynchronized(),
      async close() {
        await Promise.all([closeRedis(subscriber), closeRedis(publisher)]);
      },
    };
  } catch (error) {
    await Promise.all([closeRedis(subscriber), closeRedis(publisher)]);
    throw error;
  }
}
