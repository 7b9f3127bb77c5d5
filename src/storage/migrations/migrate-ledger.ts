/**
 * Versioned ledger migrations, applied in order at open. Kysely's Migrator records each applied
 * migration in `ledger_migrations` (and takes a lock, an advisory one on Postgres, so that
 * instances starting together do not race).
 */
import { Migrator, type Kysely, type Migration } from 'kysely';
import { createLedger } from './0001-create-ledger.ts';
import { createVirtualKeys } from './0002-create-virtual-keys.ts';
import { createIdempotency } from './0003-create-idempotency.ts';
import { createBudgets } from './0004-create-budgets.ts';
import { createAlertHistory } from './0005-create-alert-history.ts';

/** Every migration by name; names sort in the order they must run. Append, never edit. */
export const LEDGER_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-create-ledger': createLedger,
  '0002-create-virtual-keys': createVirtualKeys,
  '0003-create-idempotency': createIdempotency,
  '0004-create-budgets': createBudgets,
  '0005-create-alert-history': createAlertHistory,
};

/** Brings the schema to the latest version; throws with the failing migration named. */
export async function migrateLedger(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...LEDGER_MIGRATIONS }) },
    migrationTableName: 'ledger_migrations',
    migrationLockTableName: 'ledger_migrations_lock',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`ledger migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return results.map((result) => result.migrationName);
}
