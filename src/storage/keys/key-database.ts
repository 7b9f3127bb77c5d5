/** The `virtual_keys` table as Kysely sees it (schema: migrations/0002-create-virtual-keys.ts). */
import type { SqlInteger, NullableSqlInteger } from '../sql/ledger-database.ts';

export interface VirtualKeysTable {
  id: string;
  /** Hex SHA-256 of the plaintext key; the plaintext is never stored. */
  key_hash: string;
  prefix: string;
  tenant: string;
  user: string | null;
  name: string | null;
  project: string | null;
  feature: string | null;
  /** Epoch milliseconds. */
  created_at: SqlInteger;
  revoked_at: NullableSqlInteger;
}

export interface KeyDatabase {
  virtual_keys: VirtualKeysTable;
}
