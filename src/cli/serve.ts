// `quire serve`: run the site until stopped, in one process or as a primary with N workers sharing the port.
import cluster from 'node:cluster';
import os from 'node:os';
import { type Command, InvalidArgumentError } from 'commander';
import { runPrimary } from '../cluster/primary.js';
import { loadConfig } from '../config/load.js';
import { startSite, startWorker } from '../main.js';

/** More processes than this on one machine only adds memory and database connections. */
export const MAX_WORKERS = 64;

/** `--workers`: a whole number from 1 to MAX_WORKERS, or 'auto' (one per CPU the process may use). */
export function parseWorkers(value: string, availableParallelism: () => number = os.availableParallelism): number {
  if (value === 'auto') return Math.min(availableParallelism(), MAX_WORKERS);
  const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(count >= 1 && count <= MAX_WORKERS)) throw new InvalidArgumentError(`Give a whole number from 1 to ${MAX_WORKERS}, or auto (one per CPU).`);
  return count;
}

/** Its IPC channel keeps a worker alive: one that cannot start must exit by itself, or its primary would wait for ever. */
function exitWorker(error: unknown): never {
  process.stderr.write(`quire: a worker could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve the site (creates, migrates and, when new, seeds the database first).')
    .option('-p, --port <port>', 'TCP port (overrides PORT)')
    .option('-w, --workers <n>', 'processes sharing the port: 1 to 64, or auto for one per CPU (default: 1, no cluster)', (value) => parseWorkers(value))
    .action(async (options: { port?: string; workers?: number }) => {
      const env = options.port === undefined ? process.env : { ...process.env, PORT: options.port };
      const config = loadConfig(env);
      // A worker runs this same command line again (node:cluster forks with the primary's arguments).
      if (cluster.isWorker) await startWorker(config).catch(exitWorker);
      else if ((options.workers ?? 1) > 1) await runPrimary(config, { workers: options.workers ?? 1 });
      else await startSite(config);
      // The server (or the workers) keep the process alive; signals end it.
      await new Promise<never>(() => {});
    });
}
