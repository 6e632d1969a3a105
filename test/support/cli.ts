// Runs the real CLI as a child process against a test database of its own (a temp folder, and a fresh
// PostgreSQL schema when QUIRE_TEST_DB=postgres).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from './database.js';

const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
const ROOT = path.resolve(path.dirname(ENTRY), '..', '..');
const TIMEOUT_MS = 60_000;

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliSite {
  /** The environment the CLI reads its configuration from (nothing else of this process leaks in). */
  readonly env: Readonly<Record<string, string>>;
  run(args: readonly string[], extraEnv?: Readonly<Record<string, string>>): Promise<CliRun>;
  close(): Promise<void>;
}

/** A data folder and an empty database for CLI runs. */
export async function createCliSite(): Promise<CliSite> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-cli-'));
  const database = await createTestDatabase();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.homedir(),
    QUIRE_DATA_DIR: dataDir,
    QUIRE_URL: 'http://blog.test',
    LOG_LEVEL: 'warn',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...(database.schema ? { QUIRE_DB_SCHEMA: database.schema } : {}),
  };
  return {
    env,
    run: (args, extraEnv = {}) => runQuire(args, { ...env, ...extraEnv }),
    async close() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `quire ARGS` with exactly `env`; resolves when it exits (killed after a minute). */
export function runQuire(args: readonly string[], env: Readonly<Record<string, string>>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
