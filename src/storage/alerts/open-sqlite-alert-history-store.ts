/**
 * The embedded alert history: the `alert_history` table of the ledger's SQLite file, on a
 * connection of its own (like the key store), so history writes never queue behind the ledger's
 * group commits.
 */
import { Kysely, SqliteDialect } from 'kysely';
import type { AlertHistoryStore } from '../../core/ports/index.ts';
import { migrateLedger } from '../migrations/migrate-ledger.ts';
import { cacheStatements } from '../sqlite/cache-statements.ts';
import { openSqliteDatabase } from '../sqlite/open-sqlite-database.ts';
import type { AlertHistoryDatabase } from './alert-history-database.ts';
import { createSqlAlertHistoryStore } from './create-sql-alert-history-store.ts';

export interface SqliteAlertHistoryStoreOptions {
  /** The database file (shared with the ledger; created with its folder when missing). */
  path: string;
}

/** Opens the alert history at `path`, applying pending migrations first. */
export async function openSqliteAlertHistoryStore(options: SqliteAlertHistoryStoreOptions): Promise<AlertHistoryStore> {
  const db = new Kysely<AlertHistoryDatabase>({ dialect: new SqliteDialect({ database: cacheStatements(openSqliteDatabase(options.path)) }) });
  try {
    await migrateLedger(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlAlertHistoryStore({ db, destroy: () => db.destroy() });
}
