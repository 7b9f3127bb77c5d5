/** Storage adapters of the core ports. Enter here; the files behind it are private. */
export { openSqliteLedgerStore, type SqliteLedgerStoreOptions } from './sqlite/open-sqlite-ledger-store.ts';
export { LedgerStoreError, type LedgerStoreErrorReason } from './ledger-store-error.ts';
export { createLedgerIdGenerator, ledgerIdTime, type LedgerIdGeneratorOptions } from './ledger-id.ts';
export type { LedgerStore } from '../core/ports/index.ts';
export { openKeyStore, type OpenKeyStoreOptions } from './keys/open-key-store.ts';
export { openSqliteKeyStore, type SqliteKeyStoreOptions } from './keys/open-sqlite-key-store.ts';
export { openIdempotencyStore, type OpenIdempotencyStoreOptions } from './idempotency/open-idempotency-store.ts';
export { openSqliteIdempotencyStore, type SqliteIdempotencyStoreOptions } from './idempotency/open-sqlite-idempotency-store.ts';
