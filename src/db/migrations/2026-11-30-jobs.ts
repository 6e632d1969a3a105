// The durable job queue: background work written in the same transaction as the change it follows.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

const text = 'text';

export function jobsSchema(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await dialect
        .addIdColumn(db.schema.createTable('jobs'))
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('payload', text, (c) => c.notNull())
        .addColumn('run_at', text, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('locked_by', text)
        .addColumn('locked_until', text)
        .addColumn('last_error', text)
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('dedupe_key', text)
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('updated_at', text, (c) => c.notNull())
        .execute();
      // Claiming scans due queued jobs and expired leases of running ones, oldest first.
      await db.schema.createIndex('jobs_claim_idx').on('jobs').columns(['status', 'run_at']).execute();
      // Both engines let a unique index hold many NULLs, so only jobs that name a key are deduplicated.
      await db.schema.createIndex('jobs_dedupe_key_idx').on('jobs').column('dedupe_key').unique().execute();
    },
  };
}
