/**
 * How each LedgerRow field is stored: its column and its kind, which decides validation and
 * conversion in both directions. One table keeps the ~45 fields from drifting between the
 * insert, update and read paths.
 */
import type { LedgerRow, LedgerTokenField } from '../../core/ports/index.ts';
import type { LedgerRequestsTable } from './ledger-database.ts';

export type LedgerFieldKind = 'text' | 'count' | 'money' | 'time' | 'flag' | 'tags';

export interface LedgerFieldSpec {
  column: keyof LedgerRequestsTable;
  kind: LedgerFieldKind;
  nullable: boolean;
  /** Allowed values of a text field. */
  values?: readonly string[];
}

const text = (column: keyof LedgerRequestsTable, values?: readonly string[]): LedgerFieldSpec =>
  values ? { column, kind: 'text', nullable: true, values } : { column, kind: 'text', nullable: true };
const count = (column: keyof LedgerRequestsTable): LedgerFieldSpec => ({ column, kind: 'count', nullable: true });
const money = (column: keyof LedgerRequestsTable): LedgerFieldSpec => ({ column, kind: 'money', nullable: true });

export const LEDGER_STATUSES = ['started', 'ok', 'error', 'aborted', 'blocked', 'cached', 'unknown_outcome'] as const;
export const LEDGER_FINAL_STATUSES = ['ok', 'error', 'aborted', 'blocked', 'cached'] as const;

export const LEDGER_FIELDS: Record<keyof LedgerRow, LedgerFieldSpec> = {
  id: { column: 'id', kind: 'text', nullable: false },
  operationId: { column: 'operation_id', kind: 'text', nullable: false },
  attempt: { column: 'attempt', kind: 'count', nullable: false },
  startedAt: { column: 'started_at', kind: 'time', nullable: false },
  endedAt: { column: 'ended_at', kind: 'time', nullable: true },
  latencyMs: count('latency_ms'),
  ttftMs: count('ttft_ms'),
  tenant: text('tenant'),
  keyId: text('key_id'),
  user: text('user'),
  feature: text('feature'),
  project: text('project'),
  env: text('env'),
  conversation: text('conversation'),
  tags: { column: 'tags', kind: 'tags', nullable: false },
  provider: text('provider'),
  requestedModel: text('requested_model'),
  model: text('model'),
  endpoint: text('endpoint'),
  stream: { column: 'stream', kind: 'flag', nullable: false },
  status: { column: 'status', kind: 'text', nullable: false, values: LEDGER_STATUSES },
  httpStatus: count('http_status'),
  errorCode: text('error_code'),
  inputTokens: count('input_tokens'),
  cachedInputTokens: count('cached_input_tokens'),
  cacheWriteTokens: count('cache_write_tokens'),
  cacheWrite1hTokens: count('cache_write_1h_tokens'),
  inputAudioTokens: count('input_audio_tokens'),
  outputTokens: count('output_tokens'),
  reasoningTokens: count('reasoning_tokens'),
  outputAudioTokens: count('output_audio_tokens'),
  costUsd: money('cost_usd'),
  counterfactualCostUsd: money('counterfactual_cost_usd'),
  savingsUsd: money('savings_usd'),
  priceId: text('price_id'),
  usageSource: text('usage_source', ['provider', 'estimated']),
  unpriced: { column: 'unpriced', kind: 'flag', nullable: false },
  cache: { column: 'cache', kind: 'text', nullable: false, values: ['none', 'exact', 'semantic'] },
  route: text('route'),
  batchId: text('batch_id'),
  requestHash: text('request_hash'),
  requestBytes: count('request_bytes'),
  responseBytes: count('response_bytes'),
  reservedUsd: { column: 'reserved_usd', kind: 'money', nullable: false },
};

export const LEDGER_FIELD_NAMES = Object.keys(LEDGER_FIELDS) as (keyof LedgerRow)[];

/** Every ledger_requests column, in LEDGER_FIELDS order: the order of an open's positional values. */
export const LEDGER_COLUMNS: readonly (keyof LedgerRequestsTable)[] = LEDGER_FIELD_NAMES.map((name) => LEDGER_FIELDS[name].column);

/** Position of each column in LEDGER_COLUMNS. */
export const LEDGER_COLUMN_INDEX: ReadonlyMap<string, number> = new Map(LEDGER_COLUMNS.map((column, index) => [column, index]));

/** Token fields, in the order metrics list them; the rollup has one sum column per field. */
export const TOKEN_FIELDS: readonly LedgerTokenField[] = [
  'inputTokens',
  'cachedInputTokens',
  'cacheWriteTokens',
  'cacheWrite1hTokens',
  'inputAudioTokens',
  'outputTokens',
  'reasoningTokens',
  'outputAudioTokens',
];

export type TokenColumn =
  | 'input_tokens'
  | 'cached_input_tokens'
  | 'cache_write_tokens'
  | 'cache_write_1h_tokens'
  | 'input_audio_tokens'
  | 'output_tokens'
  | 'reasoning_tokens'
  | 'output_audio_tokens';

export const TOKEN_COLUMNS: Record<LedgerTokenField, TokenColumn> = {
  inputTokens: 'input_tokens',
  cachedInputTokens: 'cached_input_tokens',
  cacheWriteTokens: 'cache_write_tokens',
  cacheWrite1hTokens: 'cache_write_1h_tokens',
  inputAudioTokens: 'input_audio_tokens',
  outputTokens: 'output_tokens',
  reasoningTokens: 'reasoning_tokens',
  outputAudioTokens: 'output_audio_tokens',
};

export const MONEY_METRIC_COLUMNS = {
  costUsd: 'cost_usd',
  counterfactualCostUsd: 'counterfactual_cost_usd',
  savingsUsd: 'savings_usd',
} as const;
