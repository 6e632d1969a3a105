// What the database drivers' errors mean, whichever engine raised them (no Kysely here: drivers' error shapes only).

/** The driver error codes of a unique (or primary key) violation: better-sqlite3's and PostgreSQL's SQLSTATE. */
const UNIQUE_CODES: ReadonlySet<string> = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

/**
 * True when `error` (or an error it wraps as its `cause`) is a unique violation on either engine: another writer
 * stored the same key first. On PostgreSQL the transaction it happened in is aborted: retry the whole transaction.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Object && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && UNIQUE_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
