/** The `alert_history` table as Kysely sees it (schema: migrations/0005-create-alert-history.ts). */
import type { NullableSqlInteger, SqlInteger } from '../sql/ledger-database.ts';

export interface AlertHistoryTable {
  id: string;
  rule: string;
  kind: string;
  tenant: string | null;
  /** JSON object. */
  scope: string;
  value: string;
  threshold: string | null;
  unit: string;
  window_name: string | null;
  window_start: NullableSqlInteger;
  window_end: NullableSqlInteger;
  /** Epoch milliseconds. */
  time: SqlInteger;
  message: string;
  link: string | null;
  /** JSON object. */
  details: string;
  dedupe_key: string;
  channel: string;
  target: string | null;
  status: string;
  attempts: SqlInteger;
  last_error: string | null;
  /** JSON array of {time, duration_ms, http_status, error}. */
  attempt_log: string;
  updated_at: SqlInteger;
}

export interface AlertHistoryDatabase {
  alert_history: AlertHistoryTable;
}
