// SQLite through better-sqlite3: WAL mode, FTS5 search with bm25 ranking.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Kysely, type Selectable, SqliteDialect, sql } from 'kysely';
import { type JobClaim, MATCH_END, MATCH_START, type SearchPage, type SearchRequest, type SqlDialect, searchTerms } from '../dialect.js';
import type { Database, JobsTable } from '../tables.js';
import { isClaimable, markClaimed } from './job-claim.js';
import { withStatementCache } from './sqlite-statements.js';

export function sqliteDialect(file: string): SqlDialect {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const connection = new BetterSqlite3(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');

  return {
    name: 'sqlite',
    createKyselyDialect: () => new SqliteDialect({ database: withStatementCache(connection) }),
    addIdColumn: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
    createSearchIndex: async (db) => {
      await sql`CREATE VIRTUAL TABLE posts_fts USING fts5(
        title, search_text, content='posts', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
      )`.execute(db);
      await sql`CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
        INSERT INTO posts_fts(rowid, title, search_text) VALUES (new.id, new.title, new.search_text);
      END`.execute(db);
      await sql`CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
        INSERT INTO posts_fts(posts_fts, rowid, title, search_text) VALUES ('delete', old.id, old.title, old.search_text);
      END`.execute(db);
      await sql`CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, search_text ON posts BEGIN
        INSERT INTO posts_fts(posts_fts, rowid, title, search_text) VALUES ('delete', old.id, old.title, old.search_text);
        INSERT INTO posts_fts(rowid, title, search_text) VALUES (new.id, new.title, new.search_text);
      END`.execute(db);
    },
    searchPublished: (db, request) => searchWithFts5(db, request),
    claimJobs: (db, claim) => claimInOneStatement(db, claim),
    // AUTOINCREMENT already numbers past the largest id ever stored.
    syncIdSequence: async () => {},
    close: async () => {
      if (connection.open) connection.close();
    },
  };
}

async function searchWithFts5(db: Kysely<Database>, request: SearchRequest): Promise<SearchPage> {
  const terms = searchTerms(request.words);
  if (terms.length === 0) return { total: 0, hits: [] };
  // Each term quoted, so nothing the reader types is read as FTS5 syntax.
  const match = terms.map((t) => `"${t}"`).join(' ');
  const matching = sql`posts_fts JOIN posts ON posts.id = posts_fts.rowid
    WHERE posts_fts MATCH ${match} AND posts.status = 'published'`;
  const count = await sql<{ total: number }>`SELECT count(*) AS total FROM ${matching}`.execute(db);
  const rows = await sql<{ id: number; snippet: string }>`
    SELECT posts.id AS id,
      snippet(posts_fts, 1, ${MATCH_START}, ${MATCH_END}, '…', 32) AS snippet
    FROM ${matching}
    ORDER BY bm25(posts_fts, 10.0, 1.0), posts.published_at DESC
    LIMIT ${request.limit} OFFSET ${request.offset}`.execute(db);
  return { total: Number(count.rows[0]?.total ?? 0), hits: rows.rows };
}

/**
 * SQLite has one writer at a time, and an UPDATE takes the write lock before it reads, so a single
 * UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING picks and marks its jobs atomically: another
 * connection (or process) waits for the lock (busy_timeout) and then sees them running. One statement,
 * not a transaction spanning awaits, so the lock is never held across the event loop.
 */
async function claimInOneStatement(db: Kysely<Database>, claim: JobClaim): Promise<Selectable<JobsTable>[]> {
  const claimed = await markClaimed(db, claim)
    .where('jobs.id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('jobs.id')
        .where((inner) => isClaimable(inner, claim.now))
        .orderBy('jobs.runAt')
        .orderBy('jobs.id')
        .limit(claim.limit),
    )
    .returningAll()
    .execute();
  // RETURNING gives no order; callers expect the claim order.
  return claimed.sort((a, b) => a.runAt.localeCompare(b.runAt) || a.id - b.id);
}
