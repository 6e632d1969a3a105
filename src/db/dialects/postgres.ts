// PostgreSQL through pg: a bounded pool, statement timeouts, tsvector search.
import { type Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { MATCH_END, MATCH_START, type SearchPage, type SearchRequest, type SqlDialect, searchTerms } from '../dialect.js';
import type { Database } from '../tables.js';

export interface PostgresOptions {
  readonly connectionString: string;
  /** Schema to use (tests give each run its own). */
  readonly schema?: string;
  readonly maxConnections?: number;
}

export function postgresDialect(options: PostgresOptions): SqlDialect {
  const pool = new pg.Pool({
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
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', search_text), 'B')
      ) STORED`.execute(db);
      await sql`CREATE INDEX posts_search_vector_idx ON posts USING gin (search_vector)`.execute(db);
    },
    searchPublished: (db, request) => searchWithTsvector(db, request),
    close: async () => {
      // Kysely's destroy() ends the pool.
    },
  };
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe schema name: ${name}`);
  return name;
}

async function searchWithTsvector(db: Kysely<Database>, request: SearchRequest): Promise<SearchPage> {
  const terms = searchTerms(request.words);
  if (terms.length === 0) return { total: 0, hits: [] };
  const query = sql`websearch_to_tsquery('simple', ${terms.join(' ')})`;
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
