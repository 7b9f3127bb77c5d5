/**
 * The embedded idempotency store: the `idempotency_records` table of the ledger's SQLite file, on a
 * connection of its own (like the key store), so claims never queue behind the ledger's group
 * commits, and every process on the file sees the same claims.
 */
import { Kysely, SqliteDialect } from 'kysely';
import type { IdempotencyStore } from '../../core/ports/index.ts';
import { migrateLedger } from '../migrations/migrate-ledger.ts';
import { cacheStatements } from '../sqlite/cache-statements.ts';
import { openSqliteDatabase } from '../sqlite/open-sqlite-database.ts';
import { createSqlIdempotencyStore, type SqlIdempotencyStoreOptions } from './create-sql-idempotency-store.ts';
import type { IdempotencyDatabase } from './idempotency-database.ts';

export interface SqliteIdempotencyStoreOptions extends Pick<SqlIdempotencyStoreOptions, 'windowMs' | 'leaseMs' | 'purgeIntervalMs'> {
  /** The database file (shared with the ledger; created with its folder when missing). */
  path: string;
}

/** Opens the idempotency store at `path`, applying pending migrations first. */
export async function openSqliteIdempotencyStore(options: SqliteIdempotencyStoreOptions): Promise<IdempotencyStore> {
  const { path, ...tuning } = options;
  const db = new Kysely<IdempotencyDatabase>({ dialect: new SqliteDialect({ database: cacheStatements(openSqliteDatabase(path)) }) });
  try {
    await migrateLedger(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlIdempotencyStore({ db, destroy: () => db.destroy(), ...tuning });
}
