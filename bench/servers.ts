// Starts the benchmark's server processes (Quire, the bare baseline, nginx), waits until they answer, and kills them all.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A page as Quire answered it, which the bare server replays byte for byte. */
export interface RecordedPage {
  readonly path: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly bodyBase64: string;
}

export interface RunningServer {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Milliseconds from spawn to the first 200 on the ready path (and the ready line, when one is awaited). */
  readonly startMs: number;
  /** Throws, with the end of the process's stderr, when it is no longer running. */
  assertRunning(): void;
  /** CPU seconds (user + system) used so far by every live process of the server (a cluster's workers, nginx's worker). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/**
 * Every child still running: killed on stop, on error, on Ctrl-C and at exit. Each is the leader of its own
 * process group (spawned detached), so that a cluster's workers and nginx's worker go with it.
 */
const children = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export function killAllNow(): void {
  for (const child of children) killGroup(child, 'SIGKILL');
  children.clear();
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child)));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A PostgreSQL database and the schema Quire keeps its tables in. */
export interface PostgresTarget {
  readonly url: string;
  readonly schema: string;
}

export interface QuireOptions {
  readonly dataDir: string;
  /** Serve repeat visits from Quire's page cache (default off: every request rendered fresh). */
  readonly pageCache?: boolean;
  /** `quire serve --workers N` when above 1 (default: one process, no cluster). */
  readonly workers?: number;
  /** PostgreSQL instead of the SQLite file in dataDir. */
  readonly postgres?: PostgresTarget;
  /** Extra flags for node, e.g. --cpu-prof. */
  readonly nodeFlags?: readonly string[];
  /** Extra environment, e.g. QUIRE_TRUST_PROXY for the comments section. */
  readonly env?: Readonly<Record<string, string>>;
}

export function quireLabel(options: Omit<QuireOptions, 'dataDir'>): string {
  const workers = options.workers ?? 1;
  return [
    'Quire',
    options.postgres ? 'PostgreSQL' : 'SQLite',
    workers > 1 ? `--workers ${workers}` : '1 process',
    ...(options.pageCache ? ['page cache on'] : []),
  ].join(', ');
}

/** `node bin/quire.js serve` on the compiled code in dist/, against an existing data folder (or PostgreSQL schema). */
export async function startQuire(options: QuireOptions): Promise<RunningServer> {
  const port = await freePort();
  const workers = options.workers ?? 1;
  const env = {
    ...process.env,
    QUIRE_DATA_DIR: options.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    // warn: the ready line is printed to stdout whatever the level; no request is logged.
    LOG_LEVEL: 'warn',
    QUIRE_DEMO: '0',
    // Off by default: the figures are of Quire's work, not of a cache hit.
    QUIRE_PAGE_CACHE: options.pageCache ? 'on' : 'off',
    // Fixed, so that every process (whatever its port) renders the same bytes: the canonical link holds it.
    QUIRE_URL: 'http://quire-bench.example',
    DATABASE_URL: options.postgres?.url ?? '',
    QUIRE_DB_SCHEMA: options.postgres?.schema ?? '',
    REDIS_URL: '',
    NODE_OPTIONS: '',
    ...options.env,
  };
  const args = [...(options.nodeFlags ?? []), path.join(repoRoot, 'bin', 'quire.js'), 'serve', ...(workers > 1 ? ['--workers', String(workers)] : [])];
  // A cluster answers /healthz as soon as its first worker listens: wait for the primary's line saying all of them do,
  // or the load's connections would all go to the first worker.
  const readyLine = workers > 1 ? new RegExp(`with ${workers} workers`) : undefined;
  return launch(quireLabel(options), process.execPath, args, env, port, '/healthz', readyLine);
}

/** The baseline: bench/bare-server.ts replaying the recorded pages from memory. */
export async function startBare(pagesFile: string, readyPath: string, options: { workers?: number; nodeFlags?: readonly string[] } = {}): Promise<RunningServer> {
  const port = await freePort();
  const workers = options.workers ?? 1;
  const args = [...(options.nodeFlags ?? []), '--import', 'tsx', path.join(repoRoot, 'bench', 'bare-server.ts'), pagesFile];
  const env = { ...process.env, PORT: String(port), WORKERS: String(workers), NODE_OPTIONS: '' };
  const name = workers > 1 ? `bare node:http, ${workers} workers (node:cluster)` : 'bare node:http';
  return launch(name, process.execPath, args, env, port, readyPath, workers > 1 ? new RegExp(`ready with ${workers} workers`) : undefined);
}

/** The floor for start-up: plain node with a one-line node:http server (no tsx, no app). */
export async function startNodeFloor(): Promise<RunningServer> {
  const port = await freePort();
  const code = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
  return launch('node -e', process.execPath, ['-e', code], { ...process.env, NODE_OPTIONS: '' }, port, '/healthz');
}

/** Any program that serves HTTP on `port` (nginx): started like the others, killed with the others. */
export async function startProgram(
  name: string, command: string, args: readonly string[], port: number, readyPath: string,
): Promise<RunningServer> {
  return launch(name, command, args, process.env, port, readyPath);
}

async function launch(
  name: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv, port: number, readyPath: string, readyLine?: RegExp,
): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.add(child);
  let stderr = '';
  let stdout = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout = (stdout + chunk).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilOk(`${url}${readyPath}`, child, () => stderr);
    if (readyLine) await waitForLine(readyLine, child, () => stdout, () => stderr);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const startMs = performance.now() - started;
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} has no process id`);
  const assertRunning = () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} (pid ${pid}) exited (${child.exitCode ?? child.signalCode}); its stderr ended with:\n${stderr}`);
    }
  };
  return { name, url, pid, startMs, assertRunning, cpuSeconds: () => groupCpuSeconds(pid), stop: () => stopChild(child) };
}

/** Polls every few milliseconds until the URL answers 200; fails fast when the process dies. */
async function waitUntilOk(url: string, child: ChildProcess, stderr: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server process exited (${child.exitCode ?? child.signalCode}) before ${url} answered:\n${stderr()}`);
    }
    if ((await statusOf(url)) === 200) return;
    await sleep(3);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${stderr()}`);
}

async function waitForLine(line: RegExp, child: ChildProcess, stdout: () => string, stderr: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (line.test(stdout())) return;
    if (child.exitCode !== null || child.signalCode !== null) break;
    await sleep(3);
  }
  throw new Error(`The server never printed ${String(line)}; stdout ended with:\n${stdout()}\nstderr:\n${stderr()}`);
}

function statusOf(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: 1000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

/** SIGTERM to the leader (Quire's primary stops its own workers, nginx's master its worker), SIGKILL to the group after 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  // Anything of the group still there (a worker that outlived its leader) goes too.
  killGroup(child, 'SIGKILL');
  children.delete(child);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resident set size of a process in MB (Linux /proc; `ps` elsewhere). */
export function residentMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // Not Linux: ask ps below.
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every mainstream build). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds used so far by the live processes of a process group (Linux /proc; NaN elsewhere). Workers that
 * exited are not counted: read it before and after a run, while the server is up.
 */
export function groupCpuSeconds(pgid: number): number {
  return cpuSecondsWhere((_command, group) => group === pgid);
}

/** CPU seconds used so far by every live process named `command` (e.g. postgres: the server and its backends). */
export function commandCpuSeconds(command: string): number {
  return cpuSecondsWhere((name) => name === command);
}

function cpuSecondsWhere(matches: (command: string, pgid: number) => boolean): number {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return Number.NaN;
  }
  let ticks = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (command) state ppid pgrp … utime stime": the command may hold spaces and parentheses.
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (!matches(command, Number(fields[2]))) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

export interface FetchedPage {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** One plain GET on a new connection, with the raw headers and bytes. */
export function fetchPage(url: string, headers: Readonly<Record<string, string>> = {}): Promise<FetchedPage> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

const HOP_BY_HOP = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** Quire's answer as the bare server will replay it (its own Date and Connection headers are added by node:http). */
export function recordPage(pagePath: string, page: FetchedPage): RecordedPage {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(page.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  return { path: pagePath, status: page.status, headers, bodyBase64: page.body.toString('base64') };
}
