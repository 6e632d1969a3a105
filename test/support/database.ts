// Which database the tests run on: QUIRE_TEST_DB=sqlite (default) or postgres (a fresh schema per test file).
import crypto from 'node:crypto';
import pg from 'pg';

export type TestDialect = 'sqlite' | 'postgres';

export const testDialect: TestDialect = process.env.QUIRE_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export const POSTGRES_URL = process.env.QUIRE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly databaseUrl: string | undefined;
  readonly schema: string | undefined;
}

/**
 * A fresh, empty database: a temporary SQLite file (the caller's data folder), or a new PostgreSQL
 * schema, which global-setup.ts drops when the whole run ends.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDialect === 'sqlite') return { databaseUrl: undefined, schema: undefined };
  return createPostgresSchema();
}

/** A new, empty PostgreSQL schema whatever QUIRE_TEST_DB says (for tests that need PostgreSQL itself). */
export async function createPostgresSchema(): Promise<TestDatabase & { readonly schema: string }> {
  const prefix = process.env.QUIRE_TEST_SCHEMA_PREFIX ?? 'quire_test_';
  const schema = `${prefix}${crypto.randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  return { databaseUrl: POSTGRES_URL, schema };
}

/** Drops a schema made by createPostgresSchema (global-setup drops them only on PostgreSQL runs). */
export async function dropPostgresSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Whether a PostgreSQL answers at POSTGRES_URL (within three seconds). */
export async function isPostgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
