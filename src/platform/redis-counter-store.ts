// The Redis CounterStore: every process of a site counts in the same fixed windows.
import type { Redis } from 'ioredis';
import type { CounterStore } from '../kernel/counters.js';

// INCR and PEXPIRE in one atomic script: the expiry is set only by the hit that opens the window, so
// later hits never stretch it, and no crash between the two commands can leave a counter that never expires.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return count`;

// DECR only a counter that exists and is above zero: a release after the window closed must not open a
// window of its own (DECR on a missing key would create one that never expires).
const RELEASE_SCRIPT = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then
  redis.call('DECR', KEYS[1])
end
return 0`;

export function createRedisCounterStore(redis: Redis, keyPrefix: string): CounterStore {
  return {
    async hit(key, windowMs) {
      const count = await redis.eval(HIT_SCRIPT, 1, `${keyPrefix}counter:${key}`, Math.max(1, Math.ceil(windowMs)));
      return Number(count);
    },
    async release(key) {
      await redis.eval(RELEASE_SCRIPT, 1, `${keyPrefix}counter:${key}`);
    },
  };
}
