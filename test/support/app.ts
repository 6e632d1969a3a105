// createTestApp: the real app on a fresh database in a temporary folder, ready for inject() or listen().
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { demoSite, seedDemoSite } from '../../src/features/demo/index.js';
import type { Clock } from '../../src/kernel/clock.js';
import { createTestDatabase } from './database.js';

export interface TestApp extends App {
  readonly dataDir: string;
}

export interface TestAppOptions {
  readonly seed?: 'demo';
  readonly clock?: Clock;
  readonly config?: Partial<Config>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-test-'));
  const database = await createTestDatabase();
  const config = loadConfig(
    { QUIRE_DATA_DIR: dataDir, QUIRE_URL: 'http://blog.test', LOG_LEVEL: 'silent', QUIRE_DEMO: '0' },
    { databaseUrl: database.databaseUrl, databaseSchema: database.schema, ...options.config },
  );
  const app = await createApp(config, { clock: options.clock, logger: false });
  if (options.seed === 'demo') await seedDemoSite(app.services, demoSite);
  return {
    ...app,
    dataDir,
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Another app on the database of `existing` (its data folder, or its PostgreSQL schema): another process of
 * the same site, or the site after a restart. Its close() closes only its own connections; the data stays
 * until `existing` is closed.
 */
export async function openAppOnSameDatabase(existing: TestApp, options: Pick<TestAppOptions, 'clock'> = {}): Promise<App> {
  return createApp(existing.config, { clock: options.clock, logger: false });
}
