/**
 * Kysely's SQLite driver prepares every query anew. Group-committed writes repeat the same few
 * statements thousands of times a second, so reusing prepared statements (keyed by their SQL
 * text) removes most of the per-row cost. Safe because Kysely runs one query at a time on the
 * single connection.
 */
import type { SqliteDatabase } from 'kysely';
import type Database from 'better-sqlite3';

/** Wraps a better-sqlite3 database so that `prepare` reuses up to `limit` statements (LRU). */
export function cacheStatements(database: Database.Database, limit = 256): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => void database.close(),
    prepare(source) {
      let statement = statements.get(source);
      if (statement !== undefined) {
        statements.delete(source);
      } else {
        statement = database.prepare(source);
        if (statements.size >= limit) statements.delete(statements.keys().next().value!);
      }
      statements.set(source, statement);
      return statement as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}
