/**
 * The embedded budget store: tables of the ledger's SQLite file on a connection of its own, so
 * reservations never queue behind the ledger's group commits, and every process on the file (the
 * gateway, another instance, `costops budgets set`) shares the same counters.
 */
import { Kysely, SqliteDialect } from 'kysely';
import type { BudgetStore } from '../../core/ports/index.ts';
import { migrateLedger } from '../migrations/migrate-ledger.ts';
import { openSqliteDatabase } from '../sqlite/open-sqlite-database.ts';
import { createSqliteBudgetStore } from './create-sqlite-budget-store.ts';

export interface SqliteBudgetStoreOptions {
  /** The database file (shared with the ledger; created with its folder when missing). */
  path: string;
}

/** Opens the budget store at `path`, applying pending migrations first. */
export async function openSqliteBudgetStore(options: SqliteBudgetStoreOptions): Promise<BudgetStore> {
  const database = openSqliteDatabase(options.path);
  try {
    // Kysely only runs the migrations; the store itself uses the connection directly.
    await migrateLedger(new Kysely<unknown>({ dialect: new SqliteDialect({ database }) }));
  } catch (error) {
    database.close();
    throw error;
  }
  return createSqliteBudgetStore(database);
}
