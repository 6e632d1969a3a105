// One contract for every CounterStore (in-process and Redis), then what is particular to each.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, systemClock } from '../../src/kernel/clock.js';
import type { CounterStore } from '../../src/kernel/counters.js';
import { createMemoryCounterStore } from '../../src/platform/memory-counter-store.js';
import { closeRedis, connectRedis } from '../../src/platform/redis-client.js';
import { createRedisCounterStore } from '../../src/platform/redis-counter-store.js';
import { REDIS_TEST_URL, skipRedisTests, uniqueRedisPrefix } from '../support/redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let unique = 0;
const freshKey = () => `test-key-${++unique}`;

interface Implementation {
  readonly name: string;
  readonly skip: boolean;
  open(): Promise<{ store: CounterStore; close(): Promise<void> }>;
}

const implementations: readonly Implementation[] = [
  {
    name: 'in-process',
    skip: false,
    open: async () => ({ store: createMemoryCounterStore({ clock: systemClock }), close: async () => {} }),
  },
  {
    name: 'Redis',
    skip: skipRedisTests,
    async open() {
      const redis = await connectRedis(REDIS_TEST_URL, 'quire-test');
      return { store: createRedisCounterStore(redis, uniqueRedisPrefix()), close: () => closeRedis(redis) };
    },
  },
];

describe.each(implementations)('the $name counter store', (implementation) => {
  let store: CounterStore;
  let close = async () => {};
  beforeAll(async () => {
    if (implementation.skip) return;
    ({ store, close } = await implementation.open());
  });
  afterAll(() => close());

  it.skipIf(implementation.skip)('counts hits per key', async () => {
    const [a, b] = [freshKey(), freshKey()];
    expect([await store.hit(a, 10_000), await store.hit(a, 10_000), await store.hit(b, 10_000), await store.hit(a, 10_000)]).toEqual([1, 2, 1, 3]);
  });

  it.skipIf(implementation.skip)('counts every one of many simultaneous hits exactly once', async () => {
    const key = freshKey();
    const counts = await Promise.all(Array.from({ length: 50 }, () => store.hit(key, 10_000)));
    expect([...counts].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it.skipIf(implementation.skip)('takes back released hits, never below zero, and a release opens no window', async () => {
    const key = freshKey();
    await store.release(key); // nothing open: nothing happens
    expect(await store.hit(key, 10_000)).toBe(1);
    expect(await store.hit(key, 10_000)).toBe(2);
    await store.release(key);
    expect(await store.hit(key, 10_000)).toBe(2);
    await store.release(key);
    await store.release(key);
    await store.release(key);
    expect(await store.hit(key, 10_000)).toBe(1);
  });

  it.skipIf(implementation.skip)('starts again after the window, which later hits do not stretch', async () => {
    const key = freshKey();
    expect(await store.hit(key, 300)).toBe(1);
    await sleep(150);
    expect(await store.hit(key, 300)).toBe(2); // inside the window: it still ends 300 ms after the first hit
    await sleep(250);
    expect(await store.hit(key, 300)).toBe(1);
  });
});

describe('the in-process counter store', () => {
  const manualClock = (start: number): Clock & { advance(ms: number): void } => {
    let now = start;
    return { now: () => new Date(now), advance: (ms) => void (now += ms) };
  };

  it('keeps its windows on the clock it is given', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    const store = createMemoryCounterStore({ clock });
    expect(await store.hit('k', 60_000)).toBe(1);
    clock.advance(59_999);
    expect(await store.hit('k', 60_000)).toBe(2);
    clock.advance(1);
    expect(await store.hit('k', 60_000)).toBe(1);
  });

  it('stays bounded under a flood of keys, dropping the oldest windows first', async () => {
    const clock = manualClock(0);
    const store = createMemoryCounterStore({ clock, maxKeys: 3 });
    for (const key of ['a', 'b', 'c']) await store.hit(key, 60_000);
    await store.hit('d', 60_000); // 'a' goes
    expect(await store.hit('a', 60_000)).toBe(1);
    expect(await store.hit('d', 60_000)).toBe(2);
  });
});

describe.skipIf(skipRedisTests)('the Redis counter store', () => {
  const prefix = uniqueRedisPrefix();
  let clients: Redis[] = [];
  beforeAll(async () => {
    clients = [await connectRedis(REDIS_TEST_URL, 'quire-test-a'), await connectRedis(REDIS_TEST_URL, 'quire-test-b')];
  });
  afterAll(async () => {
    for (const client of clients) await closeRedis(client);
  });

  it('is shared by every process of the site, under the site prefix, and expires', async () => {
    const [a, b] = clients.map((client) => createRedisCounterStore(client, prefix));
    expect(await a!.hit('signin:ann', 60_000)).toBe(1);
    expect(await b!.hit('signin:ann', 60_000)).toBe(2);
    const ttl = await clients[0]!.pttl(`${prefix}counter:signin:ann`);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
