// Prints the benchmark's figures: machine, load table with ratios against the bare baseline, memory and start-up.
import os from 'node:os';
import type { LoadFigures, LoadSettings } from './load.js';

/** The targets from the performance issue. */
export const TARGETS = { postReqPerSec: 1300, rssMb: 80, startMs: 1000 } as const;

export interface Scenario {
  readonly name: string;
  readonly detail: string;
  readonly bare: LoadFigures;
  readonly quire: LoadFigures;
  /** The same page from Quire's page cache (repeat visits), when measured. */
  readonly quireCached?: LoadFigures;
  /** Minimum Quire req/s, when the issue sets one. */
  readonly targetReqPerSec?: number;
}

export interface StartFigures {
  readonly startMs: readonly number[];
  readonly rssMb: readonly number[];
  readonly floorMs: readonly number[];
  readonly rssAfterLoadMb: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const int = (n: number) => Math.round(n).toLocaleString('en');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

export function machineHeader(load: LoadSettings): string {
  const cpus = os.cpus();
  return [
    'Quire benchmark',
    `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.platform()} ${os.arch()}, Node ${process.version}`,
    `Load: autocannon in this process, ${load.connections} connections, pipelining ${load.pipelining}, ` +
      `${load.warmupS} s warm-up + ${load.durationS} s measured per row; one server process at a time.`,
  ].join('\n');
}

/** Other work on the machine skews every figure: say how busy it was. */
export function machineLoadNote(when: string): string {
  const [one = 0, five = 0] = os.loadavg();
  const busy = one > os.cpus().length * 0.5;
  return `Load average ${when}: ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min)${busy ? ' — other processes were busy: treat the figures with care.' : '.'}`;
}

export function loadTable(scenarios: readonly Scenario[]): string {
  const rows: string[][] = [['Scenario', 'Server', 'req/s', 'p50 ms', 'p99 ms', 'req/s ÷ bare', 'p99 × bare', 'Target', 'Result']];
  for (const s of scenarios) {
    rows.push([s.name, 'bare node:http', int(s.bare.reqPerSec), ms(s.bare.p50Ms), ms(s.bare.p99Ms), '1.000', '1.0×', '', '']);
    const target = s.targetReqPerSec;
    const quireRow = (label: string, server: string, f: LoadFigures) => [
      label, server, int(f.reqPerSec), ms(f.p50Ms), ms(f.p99Ms),
      (f.reqPerSec / s.bare.reqPerSec).toFixed(3),
      `${(f.p99Ms / s.bare.p99Ms).toFixed(1)}×`,
      target === undefined ? '' : `≥ ${int(target)} req/s`,
      target === undefined ? '' : verdict(f.reqPerSec >= target),
    ];
    rows.push(quireRow(s.detail, 'Quire, rendered fresh', s.quire));
    if (s.quireCached) rows.push(quireRow('', 'Quire, page cache hit', s.quireCached));
  }
  const errors = scenarios.flatMap((s) => [s.bare, s.quire, ...(s.quireCached ? [s.quireCached] : [])]).reduce((sum, f) => sum + f.errors, 0);
  const note = errors > 0 ? `\nWarning: ${errors} socket errors or timeouts during the measured runs.` : '';
  return table(rows, new Set([2, 3, 4, 5, 6])) + note;
}

export function startTable(f: StartFigures): string {
  const rss = median(f.rssMb);
  const start = median(f.startMs);
  const floor = median(f.floorMs);
  const rows: string[][] = [
    ['Figure', 'Value', 'Target', 'Result'],
    [`Quire RSS after start + first request, idle (median of ${f.rssMb.length})`, `${rss.toFixed(1)} MB`, `≤ ${TARGETS.rssMb} MB`, verdict(rss <= TARGETS.rssMb)],
    ['Quire RSS after the load runs', `${f.rssAfterLoadMb.toFixed(1)} MB`, '', ''],
    [`Start → first /healthz 200 (median of ${f.startMs.length})`, `${int(start)} ms`, `≤ ${int(TARGETS.startMs)} ms`, verdict(start <= TARGETS.startMs)],
    [`Baseline: node -e with node:http, start → first 200 (median of ${f.floorMs.length})`, `${int(floor)} ms`, '', ''],
  ];
  return [
    table(rows, new Set([1])),
    `Each Quire start: ${f.startMs.map(int).join(', ')} ms (${(start / floor).toFixed(1)}× the bare node start); ` +
      `RSS: ${f.rssMb.map((m) => m.toFixed(1)).join(', ')} MB.`,
  ].join('\n');
}
