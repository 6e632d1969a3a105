// The Redis change bus between processes (real Redis; each "process" has its own connections), and apps sharing it.
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/kernel/clock.js';
import type { ChangeEvent } from '../../src/kernel/events.js';
import { openPlatform } from '../../src/platform/platform.js';
import { type SynchronizedBus, createRedisBus, parseEnvelope } from '../../src/platform/redis-bus.js';
import { closeRedis, connectRedis } from '../../src/platform/redis-client.js';
import type { App } from '../../src/app.js';
import { createTestApp, openAppOnSameDatabase, type TestApp } from '../support/app.js';
import { buildPost } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { cardTitles } from '../support/pages.js';
import { REDIS_TEST_URL, eventually, skipRedisTests, uniqueRedisPrefix } from '../support/redis.js';

interface Process {
  readonly bus: SynchronizedBus;
  readonly publisher: Redis;
  readonly subscriber: Redis;
  readonly received: ChangeEvent[];
  readonly errors: string[];
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('the change wire format', () => {
  it('reads well-formed events and refuses anything else', () => {
    expect(parseEnvelope('{"origin":"a","event":{"type":"post","postId":3}}')).toEqual({ origin: 'a', event: { type: 'post', postId: 3 } });
    expect(parseEnvelope('{"origin":"a","event":{"type":"settings"}}')?.event).toEqual({ type: 'settings' });
    for (const bad of ['nope', '{}', '{"origin":"a","event":{"type":"post","postId":"3"}}', '{"origin":"a","event":{"type":"drop"}}', 'null']) {
      expect(parseEnvelope(bad)).toBeUndefined();
    }
  });
});

describe.skipIf(skipRedisTests)('the Redis change bus', () => {
  const channel = `${uniqueRedisPrefix()}changes`;
  const processes: Process[] = [];

  async function startProcess(): Promise<Process> {
    const publisher = await connectRedis(REDIS_TEST_URL, 'quire-test');
    const subscriber = await connectRedis(REDIS_TEST_URL, 'quire-test-events');
    const errors: string[] = [];
    const bus = await createRedisBus({ publisher, subscriber, channel, onError: (_, message) => errors.push(message) });
    const received: ChangeEvent[] = [];
    bus.subscribe((event) => received.push(event));
    const process = { bus, publisher, subscriber, received, errors };
    processes.push(process);
    return process;
  }

  afterEach(async () => {
    for (const p of processes.splice(0)) await Promise.all([closeRedis(p.subscriber), closeRedis(p.publisher)]);
  });

  it("delivers an event to the publisher's own listeners at once, and to the other process's exactly once", async () => {
    const a = await startProcess();
    const b = await startProcess();
    a.bus.publish({ type: 'post', postId: 12 });
    expect(a.received).toEqual([{ type: 'post', postId: 12 }]); // synchronously, before publish returns
    expect(await eventually(() => b.received.length > 0)).toBe(true);
    b.bus.publish({ type: 'comment', postId: 12 });
    expect(await eventually(() => a.received.length > 1)).toBe(true);
    await settle(); // time for any echo or duplicate to arrive
    expect(a.received).toEqual([{ type: 'post', postId: 12 }, { type: 'comment', postId: 12 }]);
    expect(b.received).toEqual([{ type: 'post', postId: 12 }, { type: 'comment', postId: 12 }]);
  });

  it('ignores unreadable messages on the channel and reports them', async () => {
    const a = await startProcess();
    await a.publisher.publish(channel, '{"origin":"elsewhere","event":{"type":"post","postId":"DROP TABLE"}}');
    expect(await eventually(() => a.errors.length > 0)).toBe(true);
    expect(a.received).toEqual([]);
  });

  it('after losing its subscription, a process drops everything it cached and hears the others again', async () => {
    const a = await startProcess();
    const b = await startProcess();
    b.subscriber.disconnect(true); // the connection drops; ioredis reconnects
    expect(await eventually(() => !b.bus.isSynchronized(), 1_000)).toBe(true);
    // A settings event is what every listener treats as "everything may have changed".
    expect(await eventually(() => b.bus.isSynchronized() && b.received.some((e) => e.type === 'settings'))).toBe(true);
    a.bus.publish({ type: 'term', termId: 4 });
    expect(await eventually(() => b.received.some((e) => e.type === 'term'))).toBe(true);
  });
});

describe.skipIf(skipRedisTests)('two processes of one site, sharing its database and one Redis', () => {
  let first: TestApp;
  let second: App;
  const home = async (app: App) => {
    const response = await app.server.inject({ method: 'GET', url: '/' });
    return { cache: response.headers['x-cache'], titles: cardTitles(parseHtml(response.body)) };
  };

  beforeAll(async () => {
    first = await createTestApp({ config: { redisUrl: REDIS_TEST_URL, redisPrefix: uniqueRedisPrefix() } });
    second = await openAppOnSameDatabase(first);
    await buildPost(first, { title: 'Before' });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it("purges the other process's cached pages when one process changes something", async () => {
    // The setup's own changes reach the second process a moment later; once they have, it serves from its cache.
    expect(await eventually(async () => (await home(second)).cache === 'HIT')).toBe(true);
    expect(await home(second)).toEqual({ cache: 'HIT', titles: ['Before'] });
    await buildPost(first, { title: 'After' });
    expect(await eventually(async () => (await home(second)).titles.includes('After'))).toBe(true);
    expect((await home(first)).titles).toContain('After'); // and the writer's own cache at once
  });

  it('shares rate-limit counters between the processes', async () => {
    const key = `signin:${Date.now()}`;
    expect(await first.counters.hit(key, 10_000)).toBe(1);
    expect(await second.counters.hit(key, 10_000)).toBe(2);
  });
});

describe('a process told to use Redis', () => {
  it('refuses to start when Redis does not answer, saying where it looked (without the password)', async () => {
    const started = Date.now();
    await expect(
      openPlatform({ redisUrl: 'redis://:hunter2@127.0.0.1:1', redisPrefix: 'quire:' }, { clock: systemClock, report: () => {} }),
    ).rejects.toThrow(/^Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/? \(REDIS_URL\) did not answer/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
