// `quire serve`: run the site until stopped.
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { startSite } from '../main.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve the site (creates, migrates and, when new, seeds the database first).')
    .option('-p, --port <port>', 'TCP port (overrides PORT)')
    .action(async (options: { port?: string }) => {
      const env = options.port === undefined ? process.env : { ...process.env, PORT: options.port };
      await startSite(loadConfig(env));
      // The server keeps the process alive; signals end it.
      await new Promise<never>(() => {});
    });
}
