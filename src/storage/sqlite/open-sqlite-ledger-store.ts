/**
 * The embedded ledger (SPEC §1.6): one SQLite file, created on first use, migrated at open.
 * SQLite-specific choices are confined to this folder: pragmas in open-sqlite-database.ts and
 * the statement cache; the queries themselves are the shared Kysely code in ../sql.
 */
import { Kysely, SqliteDialect } from 'kysely';
import type { LedgerStore } from '../../core/ports/index.ts';
import { migrateLedger } from '../migrations/migrate-ledger.ts';
import { createSqlLedgerStore } from '../sql/create-sql-ledger-store.ts';
import type { LedgerDatabase } from '../sql/ledger-database.ts';
import { cacheStatements } from './cache-statements.ts';
import { openSqliteDatabase } from './open-sqlite-database.ts';

export interface SqliteLedgerStoreOptions {
  /** The database file (its folder is created when missing), or ':memory:'. */
  path: string;
  /** Largest number of writes in one transaction (default 10,000). */
  maxBatchSize?: number;
  /** Called after each committed group-commit transaction (metrics). */
  onBatch?: (info: { size: number }) => void;
}

/** Opens the SQLite ledger at `path`, applying pending migrations first. */
export async function openSqliteLedgerStore(options: SqliteLedgerStoreOptions): Promise<LedgerStore> {
  const db = openSqliteKysely(options.path);
  try {
    await migrateLedger(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlLedgerStore({
    db,
    destroy: () => db.destroy(),
    ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
    ...(options.onBatch === undefined ? {} : { onBatch: options.onBatch }),
  });
}

/** A Kysely instance over the ledger file (exported for tests that inspect the tables). */
export function openSqliteKysely(path: string): Kysely<LedgerDatabase> {
  const database = openSqliteDatabase(path);
  return new Kysely<LedgerDatabase>({ dialect: new SqliteDialect({ database: cacheStatements(database) }) });
}
