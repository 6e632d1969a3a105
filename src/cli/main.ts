// The `quire` command line: parses arguments and hands each command to its own file.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load.js';
import { isAppError } from '../kernel/errors.js';
import { registerDbCommands } from './db-migrate.js';
import { registerExportCommands } from './export-wordpress.js';
import { registerImportCommands } from './import-wordpress.js';
import { registerSeedCommands } from './seed-demo.js';
import { registerServeCommand } from './serve.js';
import { registerUserCommands } from './user-add.js';

/** Exit codes: 0 done, 1 the work failed, 2 the command line was wrong. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('quire')
    .description('Quire: a self-hosted publishing platform. Settings come from environment variables (see docs/config.md).')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerServeCommand(program);
  registerDbCommands(program);
  registerUserCommands(program);
  registerSeedCommands(program);
  registerImportCommands(program);
  registerExportCommands(program);
  for (const command of program.commands) {
    command.exitOverride().showHelpAfterError('(run with --help for usage)');
    for (const sub of command.commands) sub.exitOverride().showHelpAfterError('(run with --help for usage)');
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return 0;
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (isAppError(error)) {
      const fields = error.details?.fields as Record<string, string> | undefined;
      process.stderr.write(`quire: ${error.message}\n${fields ? Object.entries(fields).map(([k, v]) => `  --${k}: ${v}\n`).join('') : ''}`);
      return error.kind === 'invalid' ? 2 : 1;
    }
    process.stderr.write(`quire: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
