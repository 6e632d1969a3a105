// Real `quire serve` processes for tests: spawned from the TypeScript sources, requested over fresh connections, always killed in the end.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHtml } from './html.js';

const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
const ROOT = path.resolve(path.dirname(ENTRY), '..', '..');

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts connections on the port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface QuireProcess {
  readonly pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in its output; rejects when it exits first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with its exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  /** Ends it and its children, gently then for sure; safe to call more than once. */
  kill(): Promise<void>;
}

/** `quire ARGS` with exactly `env` (plus PATH and HOME), from the sources through tsx. */
export function startQuire(args: readonly string[], env: Readonly<Record<string, string>>): QuireProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.homedir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: string) => {
    text += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout?.setEncoding('utf8').on('data', append);
  child.stderr?.setEncoding('utf8').on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    pid: child.pid ?? -1,
    output: () => text,
    waitFor: (pattern, timeoutMs = 60_000) => waitForOutput(() => text, listeners, exited, pattern, timeoutMs),
    exited,
    kill: () => killTree(child, exited),
  };
}

function waitForOutput(
  text: () => string,
  listeners: Set<() => void>,
  exited: Promise<number | null>,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const done = (outcome: () => void) => {
      listeners.delete(check);
      clearTimeout(timer);
      outcome();
    };
    const check = () => {
      const match = text().match(pattern);
      if (match) done(() => resolve(match));
    };
    const timer = setTimeout(() => done(() => reject(new Error(`No ${pattern} within ${timeoutMs} ms. Output:\n${text()}`))), timeoutMs);
    void exited.then((code) => done(() => reject(new Error(`Exited (${code}) before printing ${pattern}. Output:\n${text()}`))));
    listeners.add(check);
    check();
  });
}

/** The pids of the `quire serve` processes a primary forked (its workers; not helpers such as esbuild's). */
export function childPids(pid: number): number[] {
  try {
    const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n');
    return lines.filter((line) => / serve\b/.test(line)).map((line) => Number.parseInt(line, 10)).sort((a, b) => a - b);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

async function killTree(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const children = child.pid ? childPids(child.pid) : [];
  child.kill('SIGTERM');
  const gone = await Promise.race([exited.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000))]);
  if (gone) return; // a primary that exits has stopped its workers first
  child.kill('SIGKILL');
  for (const pid of children) {
    try {
      process.kill(pid, 'SIGKILL'); // the workers of a primary that had to be killed
    } catch {
      // already gone
    }
  }
}

export interface Response {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One request on a connection of its own (so node:cluster hands each to the next worker). */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', agent: false, headers: { connection: 'close', ...options.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`No answer from ${url} within 10 s`)));
    req.end(options.body);
  });
}

/** The cookies one browser holds: what servers set, sent back on the next request. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers['set-cookie'] ?? []) {
      const [pair = ''] = line.split(';', 1);
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  header(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }
}

/** Opens the form page at `formUrl` as the browser of `jar`, and posts it back to `postUrl` with `fields` and its CSRF token. */
export async function submitForm(jar: CookieJar, formUrl: string, fields: Record<string, string>, postUrl = formUrl): Promise<Response> {
  const form = await request(formUrl, { headers: jar.header() });
  if (form.status !== 200) throw new Error(`The form at ${formUrl} answered ${form.status}`);
  jar.store(form);
  const csrf = parseHtml(form.body)('input[name="_csrf"]').first().attr('value') ?? '';
  const posted = await request(postUrl, {
    method: 'POST',
    headers: { ...jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
  jar.store(posted);
  return posted;
}

/** Creates the administrator through the one-time setup form at `setupUrl`. */
export function completeSetup(setupUrl: string, login = 'owner'): Promise<Response> {
  const fields = { displayName: 'Site Owner', login, email: `${login}@example.test`, password: 'a long passphrase 1' };
  return submitForm(new CookieJar(), setupUrl, fields);
}
