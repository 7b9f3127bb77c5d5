/**
 * The embedded key store: the `virtual_keys` table of the ledger's SQLite file, on a connection
 * of its own. WAL lets its per-request reads run beside the ledger's group commits, and a
 * revocation committed by another process (the CLI) is visible to the next read.
 */
import { Kysely, SqliteDialect } from 'kysely';
import type { Clock, KeyStore } from '../../core/ports/index.ts';
import { migrateLedger } from '../migrations/migrate-ledger.ts';
import { cacheStatements } from '../sqlite/cache-statements.ts';
import { openSqliteDatabase } from '../sqlite/open-sqlite-database.ts';
import { createSqlKeyStore } from './create-sql-key-store.ts';
import type { KeyDatabase } from './key-database.ts';

export interface SqliteKeyStoreOptions {
  /** The database file (shared with the ledger; created with its folder when missing). */
  path: string;
  /** Stamps createdAt and revokedAt (default: the system clock). */
  clock?: Clock;
}

/** Opens the key store at `path`, applying pending migrations (the ledger's and the keys') first. */
export async function openSqliteKeyStore(options: SqliteKeyStoreOptions): Promise<KeyStore> {
  const db = new Kysely<KeyDatabase>({ dialect: new SqliteDialect({ database: cacheStatements(openSqliteDatabase(options.path)) }) });
  try {
    await migrateLedger(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlKeyStore({ db, destroy: () => db.destroy(), clock: options.clock ?? { now: () => new Date() } });
}
