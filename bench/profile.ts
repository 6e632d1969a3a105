// Reads a V8 .cpuprofile (node --cpu-prof) and summarizes where the busy time went: functions and packages.
// Also usable alone: node --import tsx bench/profile.ts FILE.cpuprofile
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './servers.js';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  /** Microseconds on the monotonic clock (the one process.hrtime reads). */
  readonly startTime: number;
  readonly endTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const IDLE = '(idle)';
/** Areas on nearly every stack (event loop, microtasks): their inclusive share says nothing. */
const EVERYWHERE = new Set(['node: internals', '(native / V8 builtins)']);

/** Where a frame's code lives: a package, a folder of Quire, Node itself, or V8. */
function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  if (url.startsWith('node:')) return 'node: internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return pkg;
  const own = /\/dist\/((?:src\/[^/]+)|themes)\//.exec(url)?.[1];
  return own ? `quire: ${own}` : url;
}

function shortUrl(url: string): string {
  return url.replace(`file://${repoRoot}/`, '').replace(/^.*node_modules\//, '');
}

function keyOf(frame: CallFrame): string {
  return `${frame.functionName || '(anonymous)'}  ${shortUrl(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
}

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1).padStart(5)}%`;

function top(map: ReadonlyMap<string, number>, busy: number, count: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => `  ${pct(us, busy)}  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
}

/** Which samples count: those between two monotonic-clock instants in microseconds (default: all). */
export interface ProfileWindow {
  readonly fromUs: number;
  readonly toUs: number;
}

/** Microseconds now on the monotonic clock, comparable with a child's profile timestamps. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export function summarizeProfile(file: string, window?: ProfileWindow, count = 20): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const inWindow = window && window.fromUs >= profile.startTime && window.toUs <= profile.endTime ? window : undefined;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const selfByFunction = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  const totalByArea = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);

  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const us = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(id);
    if (!node || (inWindow && (at < inWindow.fromUs || at > inWindow.toUs))) return;
    if (node.callFrame.functionName === IDLE) {
      idle += us;
      return;
    }
    busy += us;
    add(selfByFunction, keyOf(node.callFrame), us);
    add(selfByArea, areaOf(node.callFrame), us);
    // Inclusive: every area and function on the stack, once per sample (recursion is not counted twice).
    const areas = new Set<string>();
    const functions = new Set<string>();
    for (let up: number | undefined = id; up !== undefined; up = parentOf.get(up)) {
      const frame = byId.get(up)?.callFrame;
      if (!frame || frame.functionName === '(root)') continue;
      areas.add(areaOf(frame));
      if (frame.url !== '' && !frame.url.startsWith('node:')) functions.add(keyOf(frame));
    }
    for (const area of areas) if (!EVERYWHERE.has(area)) add(totalByArea, area, us);
    for (const fn of functions) add(totalByFunction, fn, us);
  });

  if (busy === 0) return 'The profile holds no busy samples.';
  return [
    `CPU profile ${file}`,
    inWindow
      ? `  samples of the measured load only (${((inWindow.toUs - inWindow.fromUs) / 1e6).toFixed(1)} s; start-up and warm-up left out)`
      : '  all samples of the process (start-up included)',
    `  busy ${(busy / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms (shares below are of busy time)`,
    '',
    `Top ${count} functions by self time:`,
    ...top(selfByFunction, busy, count),
    '',
    'Self time by area (package, Quire folder, Node, V8):',
    ...top(selfByArea, busy, count),
    '',
    'Inclusive time by area (samples with that area anywhere on the stack; Node and V8 left out):',
    ...top(totalByArea, busy, count),
    '',
    `Top ${count + 10} JavaScript functions by inclusive time:`,
    ...top(totalByFunction, busy, count + 10),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node --import tsx bench/profile.ts FILE.cpuprofile\n');
    process.exitCode = 2;
  } else {
    console.log(summarizeProfile(file));
  }
}
