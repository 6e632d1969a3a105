// Prints the benchmark's figures: machine, load tables with ratios against their baselines, memory and start-up.
import os from 'node:os';
import { type LoadFigures, type LoadSettings, describeGenerator } from './load.js';

/** The targets from the performance, "Scale out" and "Leave a Reply" issues. */
export const TARGETS = {
  postReqPerSec: 1300,
  rssMb: 80,
  startMs: 1000,
  /** Cached pages, Quire in one process ÷ a bare node:http server answering the same bytes from memory. */
  cachedOfBare: 0.8,
  /** Cached pages, Quire --workers 2 ÷ nginx with one worker serving the same bytes as a static file. */
  workersOfNginx: 1.0,
  /** "Leave a Reply": guest comments per second through POST /comments with every check on (SQLite, 1 process). */
  commentsPerSec: 500,
  /** The post page's req/s while commentsPerSec comments a second arrive ÷ its idle req/s. */
  pageWhileCommentingOfIdle: 0.5,
} as const;

/** Above this many cores, the load generator (one thread) is close to its limit: the row may measure it, not the server. */
export const GENERATOR_BUSY_CORES = 0.9;

export interface Baseline {
  /** Short name printed beside the ratio: "bare", "nginx". */
  readonly name: string;
  readonly figures: LoadFigures;
}

export interface Row {
  readonly server: string;
  readonly figures: LoadFigures;
  /** What the ratio is taken against; none for a baseline row itself. */
  readonly baseline?: Baseline;
  readonly target?: { readonly label: string; readonly ok: boolean };
}

export interface Group {
  /** First column of the group's first row, e.g. "Post page". */
  readonly name: string;
  /** Under the name, e.g. "50 comments, 63,005 bytes". */
  readonly detail: string;
  readonly rows: readonly Row[];
}

export interface StartFigures {
  readonly startMs: readonly number[];
  readonly rssMb: readonly number[];
  readonly floorMs: readonly number[];
  /** RSS of the one-process Quire after its load runs, when they ran. */
  readonly rssAfterLoadMb?: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export const int = (n: number) => Math.round(n).toLocaleString('en');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const cores = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '?');
/** (max − min) ÷ median of the measured runs' req/s: how much the runs of one row disagreed. */
function spread(f: LoadFigures): string {
  if (f.runs.length < 2) return '';
  return `±${((50 * (Math.max(...f.runs) - Math.min(...f.runs))) / f.reqPerSec).toFixed(0)}%`;
}
export const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
/**
 * req/s of `f` ÷ req/s of `b`. When both were measured in the same rounds (interleaved), the median of the ratios
 * round by round: two servers measured seconds apart see the same machine, and the machine's speed drifts.
 */
export function ratioOf(f: LoadFigures, b: LoadFigures): number {
  if (f.runs.length !== b.runs.length || f.runs.length === 0) return f.reqPerSec / b.reqPerSec;
  return median(f.runs.map((r, i) => r / (b.runs[i] ?? Number.NaN)));
}

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

export function machineHeader(load: LoadSettings): string {
  const cpus = os.cpus();
  const headers = Object.entries(load.headers).map(([name, value]) => `${name}: ${value}`).join(', ');
  return [
    'Quire benchmark',
    `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.platform()} ${os.arch()}, Node ${process.version}`,
    `Load: ${describeGenerator(load)}, ${load.connections} connections, ${headers || 'no extra headers'}, ` +
      `${load.warmupS} s warm-up, then ${load.repeats} × ${load.durationS} s measured per row (the median run is shown; ` +
      '"spread" is ± half the range of the runs). Every server is up at once, idle but for the one being loaded; the rows ' +
      'take turns in rounds (forward, then backward), and ratios are the median of the round-by-round ratios.',
    `The load generator runs on the same ${cpus.length} cores as the servers: a server that could use every core ` +
      '(Quire --workers 2) shares them with it, and a fast one-core server (nginx, bare) may be limited by it. ' +
      '"CPU srv" and "CPU gen" say how many cores each used during the row (1.00 = one core all the time); ' +
      '"µs/req" is the server\'s CPU time per request (CPU srv ÷ req/s).',
  ].join('\n');
}

/** Other work on the machine skews every figure: say how busy it was. */
export function machineLoadNote(when: 'before the run' | 'at the end'): string {
  const [one = 0, five = 0] = os.loadavg();
  // At the end, the average holds this benchmark's own load (about every core): only the note on other processes says more.
  if (when === 'at the end') return `Load average at the end: ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min), this benchmark's own load included.`;
  const busy = one > os.cpus().length * 0.5;
  return `Load average ${when}: ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min)${busy ? ' — other processes were busy: treat the figures with care.' : '.'}`;
}

/** One table for several groups of rows: req/s, latency, the ratio to each row's baseline, target, CPU. */
export function loadTable(groups: readonly Group[]): string {
  const header = ['Scenario', 'Server', 'req/s', 'spread', 'p50 ms', 'p99 ms', 'req/s ratio', 'p99 ×', 'Target', 'Result', 'CPU srv', 'µs/req', 'CPU gen'];
  const rows: string[][] = [header];
  let busyGenerator = false;
  let errors = 0;
  for (const group of groups) {
    group.rows.forEach((row, i) => {
      const f = row.figures;
      const b = row.baseline;
      const generatorBusy = f.generatorCores >= GENERATOR_BUSY_CORES;
      busyGenerator ||= generatorBusy;
      errors += f.errors;
      rows.push([
        i === 0 ? group.name : i === 1 ? group.detail : '',
        row.server,
        int(f.reqPerSec),
        spread(f),
        ms(f.p50Ms),
        ms(f.p99Ms),
        b ? `${ratioOf(f, b.figures).toFixed(3)} of ${b.name}` : 'baseline',
        b ? `${(f.p99Ms / b.figures.p99Ms).toFixed(1)}×` : '',
        row.target?.label ?? '',
        row.target ? verdict(row.target.ok) : '',
        cores(f.serverCores),
        Number.isFinite(f.serverCores) ? ((1e6 * f.serverCores) / f.reqPerSec).toFixed(f.reqPerSec > 10_000 ? 1 : 0) : '?',
        `${cores(f.generatorCores)}${generatorBusy ? '*' : ''}`,
      ]);
    });
    if (group.rows.length === 1 && group.detail) rows.push([group.detail, ...header.slice(1).map(() => '')]);
  }
  const notes: string[] = [];
  if (busyGenerator) {
    notes.push(`* The load generator used ≥ ${GENERATOR_BUSY_CORES} of a core: that row may be limited by the generator as much as by the server.`);
  }
  if (errors > 0) notes.push(`Warning: ${errors} socket errors or timeouts during the measured runs.`);
  return [table(rows, new Set([2, 3, 4, 5, 7, 10, 11, 12])), ...notes].join('\n');
}

export function startTable(f: StartFigures): string {
  const rss = median(f.rssMb);
  const start = median(f.startMs);
  const floor = median(f.floorMs);
  const rows: string[][] = [
    ['Figure', 'Value', 'Target', 'Result'],
    [`Quire RSS after start + first request, idle (median of ${f.rssMb.length})`, `${rss.toFixed(1)} MB`, `≤ ${TARGETS.rssMb} MB`, verdict(rss <= TARGETS.rssMb)],
    ...(f.rssAfterLoadMb === undefined ? [] : [['Quire RSS after the load runs (SQLite, 1 process, rendered fresh)', `${f.rssAfterLoadMb.toFixed(1)} MB`, '', '']]),
    [`Start → first /healthz 200 (median of ${f.startMs.length})`, `${int(start)} ms`, `≤ ${int(TARGETS.startMs)} ms`, verdict(start <= TARGETS.startMs)],
    [`Baseline: node -e with node:http, start → first 200 (median of ${f.floorMs.length})`, `${int(floor)} ms`, '', ''],
  ];
  return [
    table(rows, new Set([1])),
    `Each Quire start: ${f.startMs.map(int).join(', ')} ms (${(start / floor).toFixed(1)}× the bare node start); ` +
      `RSS: ${f.rssMb.map((m) => m.toFixed(1)).join(', ')} MB.`,
  ].join('\n');
}
