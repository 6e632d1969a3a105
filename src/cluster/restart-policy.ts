// When the primary restarts a worker that died: soon the first time, slower each time it dies again quickly, never in a tight loop.

export interface RestartPolicy {
  /** Wait before the first restart of a worker; each quick crash after it doubles the wait. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** A worker that ran this long before dying crashed "once", not "again": its backoff starts over. */
  readonly stableAfterMs: number;
  /** This many quick crashes in a row of one worker: the primary gives up and exits 1, so the service manager sees a failure. */
  readonly maxQuickCrashes: number;
}

export const RESTART_POLICY: RestartPolicy = { firstDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 60_000, maxQuickCrashes: 10 };

export type RestartDecision =
  | { readonly action: 'restart'; readonly crashes: number; readonly delayMs: number }
  | { readonly action: 'give-up'; readonly crashes: number };

/** `crashes`: the worker's quick crashes in a row before this one; `livedMs`: how long the one that died ran. */
export function decideRestart(crashes: number, livedMs: number, policy: RestartPolicy = RESTART_POLICY): RestartDecision {
  const inARow = livedMs >= policy.stableAfterMs ? 1 : crashes + 1;
  if (inARow > policy.maxQuickCrashes) return { action: 'give-up', crashes: inARow };
  return { action: 'restart', crashes: inARow, delayMs: Math.min(policy.firstDelayMs * 2 ** (inARow - 1), policy.maxDelayMs) };
}
