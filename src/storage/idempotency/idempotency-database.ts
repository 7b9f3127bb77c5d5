/** The `idempotency_records` table as Kysely sees it (schema: migrations/0003-create-idempotency.ts). */
import type { ColumnType } from 'kysely';
import type { NullableSqlInteger, SqlInteger } from '../sql/ledger-database.ts';

export interface IdempotencyRecordsTable {
  tenant: string;
  key: string;
  request_hash: string;
  state: 'in_progress' | 'complete';
  /** Epoch milliseconds of the claim. */
  created_at: SqlInteger;
  response_status: NullableSqlInteger;
  /** JSON object text. */
  response_headers: string | null;
  /** better-sqlite3 and pg both return binary columns as Buffer. */
  response_body: ColumnType<Uint8Array | null, Uint8Array | null, Uint8Array | null>;
}

export interface IdempotencyDatabase {
  idempotency_records: IdempotencyRecordsTable;
}
