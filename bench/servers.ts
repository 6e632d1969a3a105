// Starts the benchmark's server processes (Quire, the bare baseline), waits until they answer, and kills them all.
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
  /** Milliseconds from spawn to the first 200 on the ready path. */
  readonly startMs: number;
  /** Throws, with the end of the process's stderr, when it is no longer running. */
  assertRunning(): void;
  stop(): Promise<void>;
}

/** Every child still running: killed on stop, on error, on Ctrl-C and at exit. */
const children = new Set<ChildProcess>();

export function killAllNow(): void {
  for (const child of children) child.kill('SIGKILL');
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

export interface QuireOptions {
  readonly dataDir: string;
  /** Serve repeat visits from Quire's page cache (default off: every request rendered fresh). */
  readonly pageCache?: boolean;
  /** Extra flags for node, e.g. --cpu-prof. */
  readonly nodeFlags?: readonly string[];
}

/** `node bin/quire.js serve` on the compiled code in dist/, against an existing data folder. */
export async function startQuire(options: QuireOptions): Promise<RunningServer> {
  const port = await freePort();
  const env = {
    ...process.env,
    QUIRE_DATA_DIR: options.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    QUIRE_DEMO: '0',
    // Off by default: the figures are of Quire's work, not of a cache hit.
    QUIRE_PAGE_CACHE: options.pageCache ? 'on' : 'off',
    QUIRE_URL: '',
    DATABASE_URL: '',
    REDIS_URL: '',
    NODE_OPTIONS: '',
  };
  const args = [...(options.nodeFlags ?? []), path.join(repoRoot, 'bin', 'quire.js'), 'serve'];
  return launch('Quire', args, env, port, '/healthz');
}

/** The baseline: bench/bare-server.ts replaying the recorded pages from memory. */
export async function startBare(pagesFile: string, readyPath: string): Promise<RunningServer> {
  const port = await freePort();
  const args = ['--import', 'tsx', path.join(repoRoot, 'bench', 'bare-server.ts'), pagesFile];
  return launch('bare', args, { ...process.env, PORT: String(port), NODE_OPTIONS: '' }, port, readyPath);
}

/** The floor for start-up: plain node with a one-line node:http server (no tsx, no app). */
export async function startNodeFloor(): Promise<RunningServer> {
  const port = await freePort();
  const code = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
  return launch('node -e', ['-e', code], { ...process.env, NODE_OPTIONS: '' }, port, '/healthz');
}

async function launch(name: string, args: readonly string[], env: NodeJS.ProcessEnv, port: number, readyPath: string): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilOk(`${url}${readyPath}`, child, () => stderr);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const startMs = performance.now() - started;
  if (child.pid === undefined) throw new Error(`${name} has no process id`);
  const assertRunning = () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} (pid ${child.pid}) exited (${child.exitCode ?? child.signalCode}); its stderr ended with:\n${stderr}`);
    }
  };
  return { name, url, pid: child.pid, startMs, assertRunning, stop: () => stopChild(child) };
}

/** Polls every few milliseconds until the URL answers 200; fails fast when the process dies. */
async function waitUntilOk(url: string, child: ChildProcess, stderr: () => string, timeoutMs = 20_000): Promise<void> {
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

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
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

export interface FetchedPage {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** One plain GET, with the raw headers and bytes. */
export function fetchPage(url: string): Promise<FetchedPage> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
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
