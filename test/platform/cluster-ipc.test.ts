// The workers of one machine without Redis, in one process: each worker's bus and counters talk to the primary's
// hub through stand-in channels (asynchronous and JSON-serialised, like node:cluster's IPC).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/kernel/clock.js';
import type { ChangeEvent } from '../../src/kernel/events.js';
import { createClusterBus } from '../../src/platform/cluster-bus.js';
import { createClusterCounterStore } from '../../src/platform/cluster-counter-store.js';
import { type ClusterHub, type HubPeer, createClusterHub } from '../../src/platform/cluster-hub.js';
import { type IpcEndpoint, type IpcMessage, parseIpcMessage, processEndpoint } from '../../src/platform/cluster-ipc.js';
import { openPlatform } from '../../src/platform/platform.js';
import { eventually } from '../support/redis.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
const overTheWire = (message: IpcMessage): unknown => JSON.parse(JSON.stringify(message));

interface FakeWorker {
  readonly endpoint: IpcEndpoint;
  /** The primary's channel to this worker closes (the primary died). */
  disconnect(): void;
}

/** A primary with a hub, and a way to attach workers to it. */
function fakePrimary(options: { mute?: boolean } = {}) {
  const peers = new Map<number, HubPeer>();
  const hub: ClusterHub = createClusterHub({ clock: systemClock, peers: () => peers.values() });
  let nextId = 0;
  const attach = (): FakeWorker => {
    const id = ++nextId;
    const inbox = new EventEmitter();
    let connected = true;
    const peer: HubPeer = { id, send: (message) => setImmediate(() => connected && inbox.emit('message', overTheWire(message))) };
    peers.set(id, peer);
    const endpoint: IpcEndpoint = {
      send: (message) => void (connected && !options.mute && setImmediate(() => hub.receive(peer, overTheWire(message)))),
      onMessage(listener) {
        const handle = (value: unknown) => {
          const message = parseIpcMessage(value);
          if (message) listener(message);
        };
        inbox.on('message', handle);
        return () => void inbox.off('message', handle);
      },
      onDisconnect(listener) {
        inbox.once('disconnect', listener);
        return () => void inbox.off('disconnect', listener);
      },
      isConnected: () => connected,
    };
    return {
      endpoint,
      disconnect() {
        connected = false;
        peers.delete(id);
        inbox.emit('disconnect');
      },
    };
  };
  return { hub, attach };
}

describe('the cluster message format', () => {
  it('reads Quire messages and ignores anything else on the channel', () => {
    expect(parseIpcMessage({ quire: 'change', event: { type: 'post', postId: 3 } })).toEqual({ quire: 'change', event: { type: 'post', postId: 3 } });
    expect(parseIpcMessage({ quire: 'hit', id: 1, key: 'k', windowMs: 1000 })).toEqual({ quire: 'hit', id: 1, key: 'k', windowMs: 1000 });
    expect(parseIpcMessage({ quire: 'counted', id: 1, count: 2 })).toEqual({ quire: 'counted', id: 1, count: 2 });
    expect(parseIpcMessage({ quire: 'counted', id: 1 })).toMatchObject({ quire: 'counted', id: 1, error: expect.any(String) });
    for (const bad of [
      null, 'text', { cmd: 'NODE_CLUSTER' }, { quire: 'drop' }, { quire: 'change', event: { type: 'post', postId: '3' } },
      { quire: 'hit', id: 1, key: 'k', windowMs: 0 }, { quire: 'hit', id: 'x', key: 'k', windowMs: 5 }, { quire: 'release' },
    ]) {
      expect(parseIpcMessage(bad)).toBeUndefined();
    }
  });
});

describe('the cluster change bus', () => {
  it("delivers to the publisher's own listeners at once and to every other worker exactly once", async () => {
    const primary = fakePrimary();
    const buses = [primary.attach(), primary.attach(), primary.attach()].map((w) => createClusterBus(w.endpoint, () => {}));
    const received = buses.map(() => [] as ChangeEvent[]);
    buses.forEach((bus, i) => bus.subscribe((event) => received[i]!.push(event)));

    buses[0]!.publish({ type: 'post', postId: 7 });
    expect(received[0]).toEqual([{ type: 'post', postId: 7 }]); // synchronously, before publish returns
    expect(await eventually(() => received[1]!.length > 0 && received[2]!.length > 0)).toBe(true);
    buses[2]!.publish({ type: 'settings' });
    await settle(); // time for any echo or duplicate to arrive
    expect(received).toEqual(Array.from({ length: 3 }, () => [{ type: 'post', postId: 7 }, { type: 'settings' }]));
  });

  it('is synchronized only while its primary is there, and stops listening when closed', async () => {
    const primary = fakePrimary();
    const [a, b] = [primary.attach(), primary.attach()];
    const [busA, busB] = [createClusterBus(a.endpoint, () => {}), createClusterBus(b.endpoint, () => {})];
    const heard: ChangeEvent[] = [];
    busB.subscribe((event) => heard.push(event));
    busB.close();
    busA.publish({ type: 'term', termId: 1 });
    await settle();
    expect(heard).toEqual([]);
    expect(busA.isSynchronized()).toBe(true);
    a.disconnect();
    expect(busA.isSynchronized()).toBe(false);
  });
});

describe('the cluster counter store', () => {
  it('counts the hits of every worker in one window, each exactly once, and takes hits back', async () => {
    const primary = fakePrimary();
    const stores = [primary.attach(), primary.attach(), primary.attach()].map((w) => createClusterCounterStore(w.endpoint));
    const counts = await Promise.all(Array.from({ length: 60 }, (_, i) => stores[i % 3]!.hit('signin:ann', 10_000)));
    expect([...counts].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await stores[1]!.hit('signin:bob', 10_000)).toBe(1);
    await stores[0]!.release('signin:ann');
    expect(await stores[2]!.hit('signin:ann', 10_000)).toBe(60); // 60 − 1 released + this one
  });

  it('fails a hit the primary does not answer in time, instead of hanging the request', async () => {
    const store = createClusterCounterStore(fakePrimary({ mute: true }).attach().endpoint, 100);
    const started = Date.now();
    await expect(store.hit('k', 1_000)).rejects.toThrow(/no answer within 100 ms/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('fails waiting hits when the primary goes away, and new ones at once', async () => {
    const worker = fakePrimary({ mute: true }).attach();
    const store = createClusterCounterStore(worker.endpoint, 10_000);
    const waiting = store.hit('k', 1_000);
    worker.disconnect();
    await expect(waiting).rejects.toThrow(/channel to the primary closed/);
    await expect(store.hit('k', 1_000)).rejects.toThrow(/primary process is gone/);
  });
});

describe('the platform of a cluster worker without Redis', () => {
  it('publishes its changes and counts its hits through the primary', async () => {
    const primary = fakePrimary();
    const [a, b] = [primary.attach(), primary.attach()];
    const open = (w: FakeWorker) => openPlatform({ redisUrl: undefined, redisPrefix: 'quire:' }, { clock: systemClock, report: () => {}, ipc: w.endpoint });
    const [first, second] = [await open(a), await open(b)];
    const heard: ChangeEvent[] = [];
    second.events.subscribe((event) => heard.push(event));
    first.events.publish({ type: 'user', userId: 4 });
    expect(await eventually(() => heard.length === 1)).toBe(true);
    expect([await first.counters.hit('x', 5_000), await second.counters.hit('x', 5_000)]).toEqual([1, 2]);
    expect(second.isSynchronized()).toBe(true);
    await Promise.all([first.close(), second.close()]);
  });
});

describe("a worker's own IPC channel", () => {
  const fakeProcess = () => Object.assign(new EventEmitter(), { connected: true, sent: [] as unknown[], send: undefined as unknown });

  it('is absent in a process that was not forked with one', () => {
    expect(processEndpoint(() => {}, fakeProcess() as unknown as NodeJS.Process)).toBeUndefined();
  });

  it("passes on Quire's messages only, and reports a send that failed instead of throwing", () => {
    const proc = fakeProcess();
    const errors: unknown[] = [];
    proc.send = (message: unknown, _handle: unknown, _options: unknown, callback: (error: Error | null) => void) => {
      proc.sent.push(message);
      callback(new Error('channel closed'));
      return false;
    };
    const endpoint = processEndpoint((error) => errors.push(error), proc as unknown as NodeJS.Process)!;
    const heard: IpcMessage[] = [];
    endpoint.onMessage((message) => heard.push(message));
    proc.emit('message', { cmd: 'NODE_CLUSTER', act: 'online' });
    proc.emit('message', { quire: 'change', event: { type: 'settings' } });
    expect(heard).toEqual([{ quire: 'change', event: { type: 'settings' } }]);
    endpoint.send({ quire: 'release', key: 'k' });
    expect(proc.sent).toEqual([{ quire: 'release', key: 'k' }]);
    expect(errors).toHaveLength(1);
    proc.connected = false;
    endpoint.send({ quire: 'release', key: 'k' });
    expect(proc.sent).toHaveLength(1);
    expect(endpoint.isConnected()).toBe(false);
  });
});
