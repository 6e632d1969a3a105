// The PostgreSQL rows' database: a fresh schema created for the run and dropped after it.
import pg from 'pg';
import type { PostgresTarget } from './servers.js';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchSchema extends PostgresTarget {
  drop(): Promise<void>;
}

/** Creates `quire_bench_<time>_<pid>`; throws (with pg's message) when PostgreSQL is unreachable. */
export async function createBenchSchema(url: string): Promise<BenchSchema> {
  const schema = `quire_bench_${Date.now().toString(36)}_${process.pid}`;
  await withClient(url, (client) => client.query(`CREATE SCHEMA ${schema}`));
  let dropped: Promise<void> | undefined;
  return {
    url,
    schema,
    drop: () => (dropped ??= withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined)),
  };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
