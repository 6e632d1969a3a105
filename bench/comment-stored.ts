// What the comments section left in the database: the comments by status, and the jobs they queued (moderation mail),
// read straight from SQLite or PostgreSQL after the runs, to show that every 201 stored a comment and what the checks decided.
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { COMMENT_COUNT } from './prepare.js';
import type { PostgresTarget } from './servers.js';

export interface CommentsStored {
  /** Comments on the bench post by status, less the seeded ones. */
  readonly comments: Readonly<Record<string, number>>;
  /** Jobs by "kind status" (e.g. "comments.mail-moderators done"). */
  readonly jobs: Readonly<Record<string, number>>;
}

interface CountRow {
  readonly key: string;
  readonly n: number | string;
}

function tally(rows: readonly CountRow[], less: Readonly<Record<string, number>> = {}): Record<string, number> {
  const result: Record<string, number> = {};
  for (const row of rows) result[row.key] = Number(row.n) - (less[row.key] ?? 0);
  return result;
}

const COMMENTS_SQL = (table: string, postId: number) => `SELECT status AS key, COUNT(*) AS n FROM ${table} WHERE post_id = ${postId} GROUP BY status`;
const JOBS_SQL = (table: string) => `SELECT kind || ' ' || status AS key, COUNT(*) AS n FROM ${table} GROUP BY kind, status`;
/** The seeded comments of the post are all approved (bench/prepare.ts). */
const SEEDED = { approved: COMMENT_COUNT };

export async function countStored(dataDir: string, postId: number, postgres?: PostgresTarget): Promise<CommentsStored> {
  if (!postgres) {
    const db = new Database(path.join(dataDir, 'quire.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return {
        comments: tally(db.prepare(COMMENTS_SQL('comments', postId)).all() as CountRow[], SEEDED),
        jobs: tally(db.prepare(JOBS_SQL('jobs')).all() as CountRow[]),
      };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: postgres.url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const schema = `"${postgres.schema}"`;
    return {
      comments: tally((await client.query<CountRow>(COMMENTS_SQL(`${schema}.comments`, postId))).rows, SEEDED),
      jobs: tally((await client.query<CountRow>(JOBS_SQL(`${schema}.jobs`))).rows),
    };
  } finally {
    await client.end();
  }
}

/** Jobs due and not finished (the comments' moderation mail still to send), read again and again while the server drains them. */
export interface JobProbe {
  due(): Promise<number>;
  close(): Promise<void>;
}

const DUE_SQL = (table: string) => `SELECT COUNT(*) AS n FROM ${table} WHERE status IN ('queued', 'running') AND run_at <= `;

export async function openJobProbe(dataDir: string, postgres?: PostgresTarget): Promise<JobProbe> {
  if (!postgres) {
    const db = new Database(path.join(dataDir, 'quire.sqlite'), { readonly: true, fileMustExist: true });
    const statement = db.prepare(`${DUE_SQL('jobs')}?`);
    return {
      due: async () => Number((statement.get(new Date().toISOString()) as { n: number }).n),
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: postgres.url, connectionTimeoutMillis: 3000 });
  await client.connect();
  const text = `${DUE_SQL(`"${postgres.schema}".jobs`)}$1`;
  return {
    due: async () => Number((await client.query<{ n: string }>(text, [new Date().toISOString()])).rows[0]?.n ?? 0),
    close: () => client.end(),
  };
}
