/**
 * The ledger schema as Kysely sees it, shared by every SQL adapter. Integers come back as
 * bigint (SQLite with safe integers), number or string (Postgres int8/numeric), so readers
 * convert through `read-sql-value.ts`; writers pass bigint for money, number for counts.
 */
import type { ColumnType } from 'kysely';

/** An INTEGER/BIGINT column as the drivers return it. */
export type SqlInteger = ColumnType<bigint | number | string, bigint | number, bigint | number>;
export type NullableSqlInteger = ColumnType<
  bigint | number | string | null,
  bigint | number | null,
  bigint | number | null
>;

export interface LedgerRequestsTable {
  id: string;
  operation_id: string;
  attempt: SqlInteger;
  /** Epoch milliseconds: integer arithmetic buckets it by hour/day the same way in every SQL dialect. */
  started_at: SqlInteger;
  ended_at: NullableSqlInteger;
  latency_ms: NullableSqlInteger;
  ttft_ms: NullableSqlInteger;
  tenant: string | null;
  key_id: string | null;
  user: string | null;
  feature: string | null;
  project: string | null;
  env: string | null;
  conversation: string | null;
  /** JSON object text; `ledger_tags` holds the same pairs for filtering and grouping. */
  tags: string;
  provider: string | null;
  requested_model: string | null;
  model: string | null;
  endpoint: string | null;
  /** 0/1 rather than BOOLEAN so that SUM() and the same query text work in every dialect. */
  stream: SqlInteger;
  status: string;
  http_status: NullableSqlInteger;
  error_code: string | null;
  input_tokens: NullableSqlInteger;
  cached_input_tokens: NullableSqlInteger;
  cache_write_tokens: NullableSqlInteger;
  cache_write_1h_tokens: NullableSqlInteger;
  input_audio_tokens: NullableSqlInteger;
  output_tokens: NullableSqlInteger;
  reasoning_tokens: NullableSqlInteger;
  output_audio_tokens: NullableSqlInteger;
  /** Nano-USD. */
  cost_usd: NullableSqlInteger;
  counterfactual_cost_usd: NullableSqlInteger;
  savings_usd: NullableSqlInteger;
  price_id: string | null;
  usage_source: string | null;
  unpriced: SqlInteger;
  cache: string;
  route: string | null;
  batch_id: string | null;
  request_hash: string | null;
  request_bytes: NullableSqlInteger;
  response_bytes: NullableSqlInteger;
  reserved_usd: SqlInteger;
}

export interface LedgerTagsTable {
  request_id: string;
  name: string;
  value: string;
}

/**
 * Hourly sums of settled rows. Dimension columns hold '' for "no value" because NULLs never
 * match in a unique key, which the upsert needs.
 */
export interface LedgerRollupHourlyTable {
  hour: SqlInteger;
  tenant: string;
  model: string;
  feature: string;
  provider: string;
  status: string;
  requests: SqlInteger;
  unpriced_requests: SqlInteger;
  cost_usd: SqlInteger;
  counterfactual_cost_usd: SqlInteger;
  savings_usd: SqlInteger;
  input_tokens: SqlInteger;
  cached_input_tokens: SqlInteger;
  cache_write_tokens: SqlInteger;
  cache_write_1h_tokens: SqlInteger;
  input_audio_tokens: SqlInteger;
  output_tokens: SqlInteger;
  reasoning_tokens: SqlInteger;
  output_audio_tokens: SqlInteger;
}

export interface LedgerDatabase {
  ledger_requests: LedgerRequestsTable;
  ledger_tags: LedgerTagsTable;
  ledger_rollup_hourly: LedgerRollupHourlyTable;
}
