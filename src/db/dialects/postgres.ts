// PostgreSQL through pg: a bounded pool, statement timeouts, tsvector search.
import { type Kysely, PostgresDialect, type RawBuilder, type Selectable, sql } from 'kysely';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { type JobClaim, MATCH_END, MATCH_START, type SearchPage, type SearchRequest, type SqlDialect, searchTerms } from '../dialect.js';
import type { Database, JobsTable } from '../tables.js';
import { isClaimable, markClaimed } from './job-claim.js';

export interface PostgresOptions {
  readonly connectionString: string;
  /** Schema to use (tests give each run its own). */
  readonly schema?: string;
  readonly maxConnections?: number;
}

// Required on first use, synchronously (pg is CommonJS): a SQLite site never loads it (about 15 MB).
const requirePg = () => createRequire(import.meta.url)('pg') as typeof pg;

export function postgresDialect(options: PostgresOptions): SqlDialect {
  const pool = new (requirePg().Pool)({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    statement_timeout: 10_000,
    options: options.schema ? `-c search_path=${quoteIdentifier(options.schema)}` : undefined,
  });

  return {
    name: 'postgres',
    createKyselyDialect: () => new PostgresDialect({ pool }),
    addIdColumn: (table) => table.addColumn('id', 'serial', (c) => c.primaryKey()),
    createSearchIndex: async (db) => {
      await sql`ALTER TABLE posts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', ${foldAccents(sql.raw('title'))}), 'A')
          || setweight(to_tsvector('simple', ${foldAccents(sql.raw('search_text'))}), 'B')
      ) STORED`.execute(db);
      await sql`CREATE INDEX posts_search_vector_idx ON posts USING gin (search_vector)`.execute(db);
    },
    searchPublished: (db, request) => searchWithTsvector(db, request),
    claimJobs: (db, claim) => claimSkippingLocked(db, claim),
    syncIdSequence: async (db, table) => {
      // is_called false: the next id handed out is exactly max(id) + 1 (1 on an empty table).
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), coalesce((SELECT max(id) FROM ${sql.table(table)}), 0) + 1, false)`.execute(db);
    },
    close: async () => {
      // Kysely's destroy() ends the pool.
    },
  };
}

/**
 * Text without its accents ('Crème' → 'Creme'), like SQLite's remove_diacritics, for both the index and the
 * query. Only immutable functions, so the generated column may use it.
 */
function foldAccents(text: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`regexp_replace(normalize(${text}, NFKD), '[\\u0300-\\u036f]', '', 'g')`;
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe schema name: ${name}`);
  return name;
}

async function searchWithTsvector(db: Kysely<Database>, request: SearchRequest): Promise<SearchPage> {
  const terms = searchTerms(request.words);
  if (terms.length === 0) return { total: 0, hits: [] };
  const query = sql`websearch_to_tsquery('simple', ${foldAccents(sql`${terms.join(' ')}::text`)})`;
  const count = await sql<{ total: string }>`SELECT count(*) AS total FROM posts
    WHERE search_vector @@ ${query} AND status = 'published'`.execute(db);
  const options = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=32, MinWords=12, MaxFragments=1, FragmentDelimiter=…`;
  const rows = await sql<{ id: number; snippet: string }>`
    SELECT id, ts_headline('simple', search_text, ${query}, ${options}) AS snippet
    FROM posts
    WHERE search_vector @@ ${query} AND status = 'published'
    ORDER BY ts_rank(search_vector, ${query}) DESC, published_at DESC
    LIMIT ${request.limit} OFFSET ${request.offset}`.execute(db);
  return { total: Number(count.rows[0]?.total ?? 0), hits: rows.rows };
}

/**
 * Many processes claim at once: FOR UPDATE locks the rows this transaction picks, and SKIP LOCKED makes
 * every other claimer pass over them instead of waiting, so each job goes to exactly one worker and
 * nobody queues behind a slow claimer. Under READ COMMITTED a row changed since our snapshot is
 * re-checked against the WHERE clause once locked, so a job another worker just finished is not taken.
 */
async function claimSkippingLocked(db: Kysely<Database>, claim: JobClaim): Promise<Selectable<JobsTable>[]> {
  return db.transaction().execute(async (trx) => {
    const picked = await trx
      .selectFrom('jobs')
      .select('jobs.id')
      .where((eb) => isClaimable(eb, claim.now))
      .orderBy('jobs.runAt')
      .orderBy('jobs.id')
      .limit(claim.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (picked.length === 0) return [];
    return markClaimed(trx, claim)
      .where('jobs.id', 'in', picked.map((row) => row.id))
      .returningAll()
      .execute();
  });
}
