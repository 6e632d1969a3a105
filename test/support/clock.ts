// A clock tests move by hand: the app's "now" changes only when the test says so (a stand-in for time).
import type { Clock } from '../../src/kernel/clock.js';

export interface MutableClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function mutableClock(start: Date | string): MutableClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
