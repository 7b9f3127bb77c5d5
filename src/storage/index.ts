/** Storage adapters of the core ports. Enter here; the files behind it are private. */
export { openSqliteLedgerStore, type SqliteLedgerStoreOptions } from './sqlite/open-sqlite-ledger-store.ts';
export { LedgerStoreError, type LedgerStoreErrorReason } from './ledger-store-error.ts';
export { createLedgerIdGenerator, ledgerIdTime, type LedgerIdGeneratorOptions } from './ledger-id.ts';
export type { LedgerStore } from '../core/ports/index.ts';
export { openKeyStore, type OpenKeyStoreOptions } from './keys/open-key-store.ts';
export { openSqliteKeyStore, type SqliteKeyStoreOptions } from './keys/open-sqlite-key-store.ts';
export { openIdempotencyStore, type OpenIdempotencyStoreOptions } from './idempotency/open-idempotency-store.ts';
export { openSqliteIdempotencyStore, type SqliteIdempotencyStoreOptions } from './idempotency/open-sqlite-idempotency-store.ts';
export { openAlertHistoryStore, type OpenAlertHistoryStoreOptions } from './alerts/open-alert-history-store.ts';
export { openSqliteAlertHistoryStore, type SqliteAlertHistoryStoreOptions } from './alerts/open-sqlite-alert-history-store.ts';
export { openBudgetStore, type OpenBudgetStoreOptions } from './budgets/open-budget-store.ts';
export { openSqliteBudgetStore, type SqliteBudgetStoreOptions } from './budgets/open-sqlite-budget-store.ts';
export { createMemoryCounterStore, type MemoryCounterStore } from './memory/index.ts';
