#!/usr/bin/env node
// Runs the whole test suite again on PostgreSQL. Where no PostgreSQL answers, it says so loudly and
// skips, except under CI (CI=true), where a missing PostgreSQL is a failure.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.QUIRE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.end();
} catch (error) {
  const line = '!'.repeat(78);
  console.error(`${line}\n!! PostgreSQL is not reachable at ${url}: ${error.message}`);
  if (process.env.CI) {
    console.error(`!! CI must test PostgreSQL too: failing.\n${line}`);
    process.exit(1);
  }
  console.error(`!! SKIPPING the PostgreSQL run of the test suite. Start PostgreSQL to run it.\n${line}`);
  process.exit(0);
}
const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, QUIRE_TEST_DB: 'postgres' },
});
process.exit(result.status ?? 1);
