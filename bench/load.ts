// One load measurement: a warm-up that is thrown away, then the run that counts, with wrk (a child process) or
// autocannon (in this process).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import autocannon, { type Options as AutocannonOptions } from 'autocannon';

export const WRK_BINARY = '/usr/bin/wrk';

export type Generator = 'wrk' | 'autocannon';

export interface LoadSettings {
  readonly generator: Generator;
  /**
   * wrk: its threads (-t). autocannon: 0 runs it on this process's main thread, N in N worker threads of this
   * process (its `workers` option). The connections are divided between the threads.
   */
  readonly threads: number;
  readonly connections: number;
  /** autocannon only (wrk sends one request at a time on each connection, like autocannon's 1). */
  readonly pipelining: number;
  /** Seconds of each measured run. */
  readonly durationS: number;
  /** Measured runs (rounds): the figures are those of the median run (by req/s). */
  readonly repeats: number;
  /** Seconds of load before, not measured (JIT, caches, connection set-up). */
  readonly warmupS: number;
  /** Sent with every request: the same for every server, so that all answer the same representation. */
  readonly headers: Readonly<Record<string, string>>;
  /** Requests built one by one instead of the same GET (the comments section's POSTs). */
  readonly script?: ScriptedLoad;
}

/** The same requests for either generator: a wrk Lua script, and autocannon's request list. */
export interface ScriptedLoad {
  /** wrk: the Lua script (-s) and its arguments (after --). */
  readonly wrkScript: string;
  readonly wrkArgs: readonly string[];
  /** autocannon: its `requests` (built with setupRequest) and, to pace them, `overallRate` (requests per second). */
  readonly autocannon: Pick<AutocannonOptions, 'requests' | 'overallRate'>;
}

export interface LoadFigures {
  /** Of the median run. */
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** req/s of every measured run, in order (in the tables: one per round, so that rows can be paired round by round). */
  readonly runs: readonly number[];
  /** Socket errors and timeouts during the measured runs. */
  readonly errors: number;
  /** Cores the server's processes used during the measured runs (1.0 = one core busy all the time); NaN when unknown. */
  readonly serverCores: number;
  /** Cores the load generator used during the measured runs. */
  readonly generatorCores: number;
  /** Cores the database server's processes (PostgreSQL) used during the measured runs, when asked. */
  readonly databaseCores?: number;
}

export const defaultLoad: LoadSettings = {
  generator: 'wrk',
  threads: 1,
  connections: 10,
  pipelining: 1,
  durationS: 3,
  repeats: 5,
  warmupS: 3,
  // Browsers send br and gzip; identity is what all three servers (Quire, bare, nginx) answer from the same bytes.
  headers: { 'accept-encoding': 'identity' },
};

/** Why wrk cannot be used here, or undefined when it can. */
export function wrkMissing(): string | undefined {
  return fs.existsSync(WRK_BINARY) ? undefined : `${WRK_BINARY} is missing (Debian: apt-get install -y wrk)`;
}

export function describeGenerator(load: LoadSettings): string {
  if (load.generator === 'wrk') return `wrk (${WRK_BINARY}, a child process), ${load.threads} thread${load.threads === 1 ? '' : 's'}`;
  return `autocannon in this process${load.threads > 0 ? ` (${load.threads} worker threads)` : ' (main thread)'}, pipelining ${load.pipelining}`;
}

/** CPU seconds used so far by the server under load (all its processes). */
export type CpuClock = () => number;

export interface RunResult {
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly errors: number;
  readonly non2xx: number;
  /** CPU seconds the generator used, when it can tell. */
  readonly generatorCpuS?: number;
}

/** One measured run and the CPU each party used during it. */
export interface MeasuredRun {
  readonly result: RunResult;
  readonly wallS: number;
  readonly serverS: number;
  readonly generatorS: number;
  readonly databaseS: number;
  /** The whole machine meanwhile (Linux /proc/stat; NaN elsewhere): see MachineCpu. */
  readonly machine: MachineCpu;
  /** CPU this process (the bench) used meanwhile. */
  readonly selfS: number;
}

/** CPU seconds of the whole machine, by kind (the sum over all cores). */
export interface MachineCpu {
  /** user + nice + system: every process's own work. */
  readonly processS: number;
  /** Interrupt work (the loopback network's receive path runs here, for every server alike). */
  readonly softirqS: number;
  /** Time the hypervisor gave to other guests while this one wanted to run. */
  readonly stealS: number;
}

const TICKS_PER_SECOND = 100;

function machineCpu(): MachineCpu {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [, user = 0, nice = 0, system = 0, , , , softirq = 0, steal = 0] = line.trim().split(/\s+/).map(Number);
    return { processS: (user + nice + system) / TICKS_PER_SECOND, softirqS: softirq / TICKS_PER_SECOND, stealS: steal / TICKS_PER_SECOND };
  } catch {
    return { processS: Number.NaN, softirqS: Number.NaN, stealS: Number.NaN };
  }
}

const minus = (a: MachineCpu, b: MachineCpu): MachineCpu => ({
  processS: a.processS - b.processS, softirqS: a.softirqS - b.softirqS, stealS: a.stealS - b.stealS,
});

/** One run of `durationS` seconds at `url`, with the CPU used meanwhile by the server, the generator and (optionally) the database. */
export async function measureRun(url: string, settings: LoadSettings, durationS: number, serverCpu?: CpuClock, databaseCpu?: CpuClock): Promise<MeasuredRun> {
  const serverBefore = serverCpu?.() ?? Number.NaN;
  const databaseBefore = databaseCpu?.() ?? Number.NaN;
  const machineBefore = machineCpu();
  const selfBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = settings.generator === 'wrk' ? await runWrk(url, settings, durationS) : await runAutocannon(url, settings, durationS);
  const wallS = (performance.now() - wallBefore) / 1000;
  const self = process.cpuUsage(selfBefore);
  const machine = minus(machineCpu(), machineBefore);
  // A server that answers errors is fast for the wrong reason: such a figure must not be printed as a result.
  if (result.non2xx > 0) throw new Error(`${url} answered ${result.non2xx} non-2xx responses under load; the figures would be meaningless.`);
  return {
    result,
    wallS,
    serverS: (serverCpu?.() ?? Number.NaN) - serverBefore,
    generatorS: result.generatorCpuS ?? (self.user + self.system) / 1e6,
    databaseS: (databaseCpu?.() ?? Number.NaN) - databaseBefore,
    machine,
    selfS: (self.user + self.system) / 1e6,
  };
}

/**
 * Over many runs: the cores that processes other than the server, the generator, the database and this one used
 * (other work on the machine, which skews the figures), and the softirq and steal time, per second of load.
 */
export function otherCpu(runs: readonly MeasuredRun[]): { readonly otherCores: number; readonly softirqCores: number; readonly stealCores: number } {
  let wallS = 0;
  let otherS = 0;
  let softirqS = 0;
  let stealS = 0;
  for (const run of runs) {
    wallS += run.wallS;
    // wrk's time is its children's (sh -c); autocannon's is this process's own: count this process once.
    const generatorIsSelf = run.result.generatorCpuS === undefined;
    const ours = run.serverS + (Number.isFinite(run.databaseS) ? run.databaseS : 0) + (generatorIsSelf ? 0 : run.generatorS) + run.selfS;
    otherS += run.machine.processS - ours;
    softirqS += run.machine.softirqS;
    stealS += run.machine.stealS;
  }
  return { otherCores: Math.max(0, otherS / wallS), softirqCores: softirqS / wallS, stealCores: stealS / wallS };
}

/** The figures of several runs of one server: those of the median run (by req/s), CPU over all of them. */
export function combineRuns(runs: readonly MeasuredRun[], withDatabase = false): LoadFigures {
  const median = [...runs].sort((a, b) => a.result.reqPerSec - b.result.reqPerSec)[Math.floor((runs.length - 1) / 2)];
  if (!median) throw new Error('No measured run');
  const sum = (pick: (run: MeasuredRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const wallS = sum((r) => r.wallS);
  return {
    reqPerSec: median.result.reqPerSec,
    p50Ms: median.result.p50Ms,
    p99Ms: median.result.p99Ms,
    requests: sum((r) => r.result.requests),
    runs: runs.map((r) => r.result.reqPerSec),
    errors: sum((r) => r.result.errors),
    serverCores: sum((r) => r.serverS) / wallS,
    generatorCores: sum((r) => r.generatorS) / wallS,
    ...(withDatabase ? { databaseCores: sum((r) => r.databaseS) / wallS } : {}),
  };
}

/** Warm-up, then `repeats` runs one after the other (the profile uses it; the tables interleave their runs instead). */
export async function measureLoad(url: string, settings: LoadSettings = defaultLoad, serverCpu?: CpuClock, databaseCpu?: CpuClock): Promise<LoadFigures> {
  if (settings.warmupS > 0) await measureRun(url, settings, settings.warmupS);
  const runs: MeasuredRun[] = [];
  for (let i = 0; i < Math.max(1, settings.repeats); i++) runs.push(await measureRun(url, settings, settings.durationS, serverCpu, databaseCpu));
  return combineRuns(runs, databaseCpu !== undefined);
}

async function runAutocannon(url: string, settings: LoadSettings, durationS: number): Promise<RunResult> {
  const result = await autocannon({
    url, connections: settings.connections, pipelining: settings.pipelining, timeout: 10, headers: settings.headers, duration: durationS,
    ...(settings.threads > 0 ? { workers: settings.threads } : {}),
    ...settings.script?.autocannon,
  });
  return {
    reqPerSec: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * wrk under `sh -c`, whose `times` then prints the CPU time of its children: wrk's user and system seconds.
 * wrk counts whole seconds; its output is parsed (requests, Requests/sec, --latency percentiles, errors).
 */
async function runWrk(url: string, settings: LoadSettings, durationS: number): Promise<RunResult> {
  const args = [
    '-t', String(settings.threads), '-c', String(Math.max(settings.connections, settings.threads)), '-d', `${Math.max(1, Math.round(durationS))}s`,
    '--timeout', '10s', '--latency', ...Object.entries(settings.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    ...(settings.script ? ['-s', settings.script.wrkScript, url, '--', ...settings.script.wrkArgs] : [url]),
  ];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', `"${WRK_BINARY}" "$@"; status=$?; times; exit $status`, 'wrk', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`wrk exited ${code}: ${stderr || stdout}`))));
  });
  const number = (re: RegExp) => Number(re.exec(out)?.[1] ?? Number.NaN);
  const percentile = (p: number) => {
    const m = new RegExp(`^\\s*${p}(?:\\.0+)?%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
    if (!m) return Number.NaN;
    return Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 } as const)[m[2] as 'us' | 'ms' | 's'];
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  // `times`: the shell's own line, then its children's: "0m1.230000s 0m0.450000s" (user, system).
  const times = [...out.matchAll(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/g)].at(-1);
  const reqPerSec = number(/Requests\/sec:\s+([\d.]+)/);
  if (!Number.isFinite(reqPerSec)) throw new Error(`Could not read wrk's output:\n${out}`);
  return {
    reqPerSec,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    requests: number(/(\d+) requests in/),
    errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/) || 0,
    ...(times ? { generatorCpuS: Number(times[1]) * 60 + Number(times[2]) + Number(times[3]) * 60 + Number(times[4]) } : {}),
  };
}
