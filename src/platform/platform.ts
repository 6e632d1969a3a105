// Chooses the infrastructure behind the kernel's ports: Redis when REDIS_URL is set, in-process otherwise.
import type { Config } from '../config/schema.js';
import type { Clock } from '../kernel/clock.js';
import type { CounterStore } from '../kernel/counters.js';
import { type ChangeBus, createLocalBus } from '../kernel/events.js';
import { createMemoryCounterStore } from './memory-counter-store.js';
import { createRedisBus } from './redis-bus.js';
import { closeRedis, connectRedis } from './redis-client.js';
import { createRedisCounterStore } from './redis-counter-store.js';

export interface Platform {
  /** Change events: in-process, or shared by every process of the site through Redis. */
  readonly events: ChangeBus;
  /** Counters for rate limits. */
  readonly counters: CounterStore;
  /** False while this process may be missing other processes' changes (caches must not be trusted then). */
  isSynchronized(): boolean;
  close(): Promise<void>;
}

export interface PlatformDeps {
  readonly clock: Clock;
  /** Where failures that no request is waiting for are reported (the logger, once there is one). */
  readonly report: (error: unknown, message: string) => void;
}

export async function openPlatform(config: Pick<Config, 'redisUrl' | 'redisPrefix'>, deps: PlatformDeps): Promise<Platform> {
  if (config.redisUrl === undefined) {
    return {
      events: createLocalBus((error) => deps.report(error, 'a change listener failed')),
      counters: createMemoryCounterStore({ clock: deps.clock }),
      isSynchronized: () => true,
      close: async () => {},
    };
  }
  const onError = (error: unknown) => deps.report(error, 'Redis connection error');
  const publisher = await connectRedis(config.redisUrl, 'quire', onError);
  const subscriber = await connectRedis(config.redisUrl, 'quire-events', onError).catch(async (error: unknown) => {
    await closeRedis(publisher);
    throw error;
  });
  try {
    const events = await createRedisBus({ publisher, subscriber, channel: `${config.redisPrefix}changes`, onError: deps.report });
    return {
      events,
      counters: createRedisCounterStore(publisher, config.redisPrefix),
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
