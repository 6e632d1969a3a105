// Reuses prepared statements: Kysely asks better-sqlite3 to prepare every query anew, which costs
// more than running it. Most of Quire's SQL repeats with other parameters, so a small LRU pays off.
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export function withStatementCache(connection: BetterSqlite3.Database, capacity = 500): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => connection.close(),
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached) {
        // Map order is insertion order: re-inserting marks the statement as recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = connection.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}
