// Which database the tests run on: QUIRE_TEST_DB=sqlite (default) or postgres (a fresh schema per test file).
import crypto from 'node:crypto';
import pg from 'pg';

export type TestDialect = 'sqlite' | 'postgres';

export const testDialect: TestDialect = process.env.QUIRE_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export const POSTGRES_URL = process.env.QUIRE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly databaseUrl: string | undefined;
  readonly schema: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file: a temporary SQLite file, or a new PostgreSQL schema. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDialect === 'sqlite') return { databaseUrl: undefined, schema: undefined, drop: async () => {} };
  const schema = `quire_test_${crypto.randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  return {
    databaseUrl: POSTGRES_URL,
    schema,
    async drop() {
      const dropper = new pg.Client({ connectionString: POSTGRES_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await dropper.end();
      }
    },
  };
}
