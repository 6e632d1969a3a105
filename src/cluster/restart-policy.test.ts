// How the primary paces restarts of a worker that dies: quickly once, slower when it keeps dying, then it gives up.
import { describe, expect, it } from 'vitest';
import { RESTART_POLICY, decideRestart } from './restart-policy.js';

const policy = { firstDelayMs: 100, maxDelayMs: 1_000, stableAfterMs: 60_000, maxQuickCrashes: 6 };

describe('decideRestart', () => {
  it('restarts a first crash after the first delay, and doubles the wait for each quick crash after it, up to the cap', () => {
    const delays: number[] = [];
    let crashes = 0;
    for (let i = 0; i < 6; i++) {
      const decision = decideRestart(crashes, 1_000, policy);
      if (decision.action !== 'restart') throw new Error('gave up too early');
      delays.push(decision.delayMs);
      crashes = decision.crashes;
    }
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('gives up after too many quick crashes in a row, so a crash loop ends instead of spinning', () => {
    expect(decideRestart(6, 1_000, policy)).toEqual({ action: 'give-up', crashes: 7 });
  });

  it('starts over for a worker that ran a good while before it died', () => {
    expect(decideRestart(5, 60_000, policy)).toEqual({ action: 'restart', crashes: 1, delayMs: 100 });
  });

  it('by default restarts within a second and never waits more than 30 s', () => {
    expect(decideRestart(0, 0)).toMatchObject({ action: 'restart', delayMs: RESTART_POLICY.firstDelayMs });
    expect(RESTART_POLICY.firstDelayMs).toBeLessThanOrEqual(1_000);
    expect(decideRestart(RESTART_POLICY.maxQuickCrashes - 1, 0)).toMatchObject({ action: 'restart', delayMs: 30_000 });
  });
});
