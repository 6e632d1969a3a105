// Vitest global setup: on PostgreSQL runs, every test schema of this run is dropped once, at the end.
// Dropping schemas while other files still run makes PostgreSQL's catalog queries (Kysely's
// introspection) trip over a schema that vanishes mid-query, so no schema is dropped earlier.
import crypto from 'node:crypto';
import pg from 'pg';
import { POSTGRES_URL, testDialect } from './database.js';

export async function setup(): Promise<() => Promise<void>> {
  if (testDialect !== 'postgres') return async () => {};
  const run = crypto.randomBytes(4).toString('hex');
  // Forked test workers inherit this, so every schema of the run shares the prefix.
  process.env.QUIRE_TEST_SCHEMA_PREFIX = `quire_test_${run}_`;
  return async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        'SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)',
        [`quire_test_${run}_`],
      );
      for (const { name } of rows) await client.query(`DROP SCHEMA "${name}" CASCADE`);
    } finally {
      await client.end();
    }
  };
}
