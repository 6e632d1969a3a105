// Opens the database the configuration names, with Kysely on top; migrates it on request.
import path from 'node:path';
import { CamelCasePlugin, Kysely, Migrator } from 'kysely';
import type { SqlDialect } from './dialect.js';
import { postgresDialect } from './dialects/postgres.js';
import { sqliteDialect } from './dialects/sqlite.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './tables.js';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: SqlDialect;
  /** The PostgreSQL schema the configuration names, if any (Quire's tables live there, found via search_path). */
  readonly schema?: string | undefined;
}

export interface DatabaseTarget {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** PostgreSQL schema (tests give each run its own). */
  readonly databaseSchema?: string | undefined;
}

export function openDatabase(target: DatabaseTarget): Db {
  const dialect = target.databaseUrl
    ? postgresDialect({ connectionString: target.databaseUrl, schema: target.databaseSchema })
    : sqliteDialect(path.join(target.dataDir, 'quire.sqlite'));
  const kysely = new Kysely<Database>({ dialect: dialect.createKyselyDialect(), plugins: [new CamelCasePlugin()] });
  return { kysely, dialect, schema: target.databaseUrl ? target.databaseSchema : undefined };
}

export async function closeDatabase(db: Db): Promise<void> {
  await db.kysely.destroy();
  await db.dialect.close();
}

export interface MigrationReport {
  readonly applied: readonly string[];
}

export async function migrateToLatest(db: Db): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: db.kysely as unknown as Kysely<unknown>,
    provider: migrationProvider(db.dialect),
    // Named, because Kysely looks for its own tables in every schema it can see: another site (or test run)
    // in a neighbouring schema would otherwise pass for ours, and our migration tables would never be created.
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** True when the database answers a trivial query (for /healthz). */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await db.kysely.selectFrom('settings').select('key').limit(1).execute();
    return true;
  } catch {
    return false;
  }
}
