// The in-process CounterStore: fixed windows in a Map, for a single process (no REDIS_URL) and for tests.
import type { Clock } from '../kernel/clock.js';
import type { CounterStore } from '../kernel/counters.js';

interface Window {
  count: number;
  readonly endsAt: number;
}

export interface MemoryCounterOptions {
  readonly clock: Clock;
  /** Beyond this many live keys the oldest windows are dropped: memory stays bounded under a flood of keys. */
  readonly maxKeys?: number;
}

export function createMemoryCounterStore(options: MemoryCounterOptions): CounterStore {
  const maxKeys = options.maxKeys ?? 100_000;
  const windows = new Map<string, Window>();

  // Dropping closed windows costs a pass over the map, so it runs only when the map is full.
  const makeRoom = (now: number) => {
    for (const [key, window] of windows) if (window.endsAt <= now) windows.delete(key);
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  };

  return {
    async hit(key, windowMs) {
      const now = options.clock.now().getTime();
      const current = windows.get(key);
      if (current && current.endsAt > now) return ++current.count;
      windows.delete(key);
      if (windows.size >= maxKeys) makeRoom(now);
      windows.set(key, { count: 1, endsAt: now + windowMs });
      return 1;
    },
    async release(key) {
      const current = windows.get(key);
      if (current && current.endsAt > options.clock.now().getTime() && current.count > 0) current.count--;
    },
  };
}
