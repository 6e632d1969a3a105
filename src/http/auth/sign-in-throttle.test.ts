// The sign-in limits on their own, over the in-process counters and a clock the test moves (no password hashing).
import { describe, expect, it } from 'vitest';
import { createMemoryCounterStore } from '../../platform/memory-counter-store.js';
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, SIGN_IN_WINDOW_MS, createSignInThrottle } from './sign-in-throttle.js';

function setup() {
  let now = Date.UTC(2026, 2, 1);
  const counters = createMemoryCounterStore({ clock: { now: () => new Date(now) } });
  return { throttle: createSignInThrottle(counters), advance: (ms: number) => void (now += ms) };
}

async function admitMany(admit: () => Promise<boolean>, times: number): Promise<boolean[]> {
  const results: boolean[] = [];
  for (let n = 0; n < times; n++) results.push(await admit());
  return results;
}

describe('the sign-in throttle', () => {
  it('admits 5 failures per account and address in 15 minutes, then refuses until the window closes', async () => {
    const { throttle, advance } = setup();
    const results = await admitMany(() => throttle.admit('ann@example.test', '192.0.2.1'), 7);
    expect(results).toEqual([true, true, true, true, true, false, false]);
    expect(await throttle.admit('ANN@example.test ', '192.0.2.1')).toBe(false); // the same account, however typed
    expect(await throttle.admit('ann@example.test', '192.0.2.2')).toBe(true);
    expect(await throttle.admit('bob@example.test', '192.0.2.1')).toBe(true);
    advance(SIGN_IN_WINDOW_MS);
    expect(await throttle.admit('ann@example.test', '192.0.2.1')).toBe(true);
  });

  it('admits 50 failures from one address across accounts, then refuses that address', async () => {
    const { throttle } = setup();
    let n = 0;
    const results = await admitMany(() => throttle.admit(`guess${++n}@example.test`, '192.0.2.9'), MAX_FAILURES_PER_ADDRESS + 1);
    expect(results.filter(Boolean)).toHaveLength(MAX_FAILURES_PER_ADDRESS);
    expect(results.at(-1)).toBe(false);
    expect(await throttle.admit('someone@example.test', '192.0.2.10')).toBe(true);
  });

  it('takes back the attempts that succeeded: only failures count', async () => {
    const { throttle } = setup();
    for (let n = 0; n < 20; n++) {
      expect(await throttle.admit('ann@example.test', '192.0.2.1')).toBe(true);
      await throttle.succeeded('ann@example.test', '192.0.2.1');
    }
    const failures = await admitMany(() => throttle.admit('ann@example.test', '192.0.2.1'), MAX_FAILURES_PER_ACCOUNT + 1);
    expect(failures.filter(Boolean)).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
  });
});
