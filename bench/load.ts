// One load measurement with autocannon: a warm-up that is thrown away, then the run that counts.
import autocannon from 'autocannon';

export interface LoadSettings {
  readonly connections: number;
  readonly pipelining: number;
  /** Seconds of load that are measured. */
  readonly durationS: number;
  /** Seconds of load before, not measured (JIT, caches, connection set-up). */
  readonly warmupS: number;
}

export interface LoadFigures {
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Socket errors and timeouts during the measured run. */
  readonly errors: number;
}

export const defaultLoad: LoadSettings = { connections: 10, pipelining: 1, durationS: 10, warmupS: 3 };

export async function measureLoad(url: string, settings: LoadSettings = defaultLoad): Promise<LoadFigures> {
  const base = { url, connections: settings.connections, pipelining: settings.pipelining, timeout: 10 };
  if (settings.warmupS > 0) await autocannon({ ...base, duration: settings.warmupS });
  const result = await autocannon({ ...base, duration: settings.durationS });
  // A server that answers errors is fast for the wrong reason: such a figure must not be printed as a result.
  if (result.non2xx > 0) throw new Error(`${url} answered ${result.non2xx} non-2xx responses under load; the figures would be meaningless.`);
  return {
    reqPerSec: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
  };
}
