// `quire db migrate`: bring the database schema up to date.
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { closeDatabase, migrateToLatest, openDatabase } from '../db/database.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Database maintenance.');
  db.command('migrate')
    .description('Apply every pending migration (start does this too).')
    .action(async () => {
      const database = openDatabase(loadConfig());
      try {
        const { applied } = await migrateToLatest(database);
        console.log(applied.length === 0 ? 'The database is up to date.' : `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join('\n')}`);
      } finally {
        await closeDatabase(database);
      }
    });
}
