// The port every database engine implements: what differs by dialect lives behind it, nowhere else.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Dialect, Kysely, Selectable } from 'kysely';
import type { Database, JobsTable, Timestamp } from './tables.js';

export type DialectName = 'sqlite' | 'postgres';

/** Tables whose `id` an import may write by hand. */
export type IdSequenceTable = 'posts' | 'comments' | 'terms' | 'media' | 'users';

export interface SearchRequest {
  /** The reader's words, as typed. */
  readonly words: string;
  readonly limit: number;
  readonly offset: number;
}

export interface SearchHit {
  readonly id: number;
  /** Excerpt around the matches, with matches between \u0002 and \u0003 (the caller escapes and marks them). */
  readonly snippet: string;
}

export interface SearchPage {
  readonly total: number;
  readonly hits: readonly SearchHit[];
}

export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

/** A piece of a search excerpt: plain text, flagged when it is one of the matched words. */
export interface SnippetPart {
  readonly text: string;
  readonly matched: boolean;
}

/** Splits an engine's marked snippet into parts; stray or unbalanced markers are dropped. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let matched = false;
  for (const piece of snippet.split(/([\u0002\u0003])/)) {
    if (piece === MATCH_START) matched = true;
    else if (piece === MATCH_END) matched = false;
    else if (piece) parts.push({ text: piece, matched });
  }
  return parts;
}

/** A worker asking for due jobs. */
export interface JobClaim {
  readonly workerId: string;
  readonly now: Timestamp;
  /** The lease the claimed jobs get: past it, another worker may take them. */
  readonly leaseUntil: Timestamp;
  readonly limit: number;
}

export interface SqlDialect {
  readonly name: DialectName;
  createKyselyDialect(): Dialect;
  /** An auto-numbered integer primary key column named `id`. */
  addIdColumn<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
  /** Builds the full-text index over posts.title and posts.search_text. */
  createSearchIndex(db: Kysely<unknown>): Promise<void>;
  /** Ranked full-text search over published posts and pages. */
  searchPublished(db: Kysely<Database>, request: SearchRequest): Promise<SearchPage>;
  /**
   * Atomically marks up to `limit` claimable jobs (queued and due, or running with an expired lease)
   * running for one worker, attempts + 1, and returns them; concurrent claimers never get the same job.
   */
  claimJobs(db: Kysely<Database>, claim: JobClaim): Promise<Selectable<JobsTable>[]>;
  /**
   * Moves `table`'s id numbering past its largest id, after rows were written with ids of their own (an import
   * keeping WordPress ids). PostgreSQL's serial sequence ignores such rows; SQLite numbers from max(id) anyway.
   */
  syncIdSequence(db: Kysely<Database>, table: IdSequenceTable): Promise<void>;
  /** Closes whatever the dialect opened beyond Kysely's own pool. */
  close(): Promise<void>;
}

export type ColumnModifier = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/** Turns typed words into the plain terms both engines search for; drops operators and punctuation. */
export function searchTerms(words: string): string[] {
  return (words.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
}
