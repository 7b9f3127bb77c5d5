/**
 * A ledger row in its public form (SPEC §7): snake_case names, money as exact decimal USD
 * strings, times as ISO-8601 UTC. The admin API, `costops export` and the dashboard all use this
 * one shape, so a field is named the same wherever a user meets it.
 */
import { formatUsd, type Nanos } from '../core/money/index.ts';
import type { LedgerCacheKind, LedgerRow, LedgerStatus, LedgerUsageSource } from '../core/ports/index.ts';

export interface LedgerRowJson {
  id: string;
  operation_id: string;
  attempt: number;
  started_at: string;
  ended_at: string | null;
  latency_ms: number | null;
  ttft_ms: number | null;
  tenant: string | null;
  key_id: string | null;
  user: string | null;
  feature: string | null;
  project: string | null;
  env: string | null;
  conversation: string | null;
  tags: Record<string, string>;
  provider: string | null;
  requested_model: string | null;
  model: string | null;
  endpoint: string | null;
  stream: boolean;
  status: LedgerStatus;
  http_status: number | null;
  error_code: string | null;
  input_tokens: number | null;
  cached_input_tokens: number | null;
  cache_write_tokens: number | null;
  output_tokens: number | null;
  reasoning_tokens: number | null;
  cost_usd: string | null;
  counterfactual_cost_usd: string | null;
  savings_usd: string | null;
  price_id: string | null;
  usage_source: LedgerUsageSource | null;
  unpriced: boolean;
  cache: LedgerCacheKind;
  route: string | null;
  batch_id: string | null;
  request_hash: string | null;
  request_bytes: number | null;
  response_bytes: number | null;
}

/** The public field names in their documented order (the CSV header). */
export const LEDGER_JSON_FIELDS = [
  'id', 'operation_id', 'attempt', 'started_at', 'ended_at', 'latency_ms', 'ttft_ms',
  'tenant', 'key_id', 'user', 'feature', 'project', 'env', 'conversation', 'tags',
  'provider', 'requested_model', 'model', 'endpoint', 'stream', 'status', 'http_status', 'error_code',
  'input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
  'cost_usd', 'counterfactual_cost_usd', 'savings_usd', 'price_id', 'usage_source', 'unpriced',
  'cache', 'route', 'batch_id', 'request_hash', 'request_bytes', 'response_bytes',
] as const satisfies readonly (keyof LedgerRowJson)[];

/** A ledger row as the SPEC §7 JSON object. Unknown stays null: an unpriced row's cost is null, never "0". */
export function rowToJson(row: LedgerRow): LedgerRowJson {
  return {
    id: row.id,
    operation_id: row.operationId,
    attempt: row.attempt,
    started_at: row.startedAt.toISOString(),
    ended_at: row.endedAt?.toISOString() ?? null,
    latency_ms: row.latencyMs,
    ttft_ms: row.ttftMs,
    tenant: row.tenant,
    key_id: row.keyId,
    user: row.user,
    feature: row.feature,
    project: row.project,
    env: row.env,
    conversation: row.conversation,
    tags: { ...row.tags },
    provider: row.provider,
    requested_model: row.requestedModel,
    model: row.model,
    endpoint: row.endpoint,
    stream: row.stream,
    status: row.status,
    http_status: row.httpStatus,
    error_code: row.errorCode,
    input_tokens: row.inputTokens,
    cached_input_tokens: row.cachedInputTokens,
    cache_write_tokens: row.cacheWriteTokens,
    output_tokens: row.outputTokens,
    reasoning_tokens: row.reasoningTokens,
    cost_usd: usdOrNull(row.costUsd),
    counterfactual_cost_usd: usdOrNull(row.counterfactualCostUsd),
    savings_usd: usdOrNull(row.savingsUsd),
    price_id: row.priceId,
    usage_source: row.usageSource,
    unpriced: row.unpriced,
    cache: row.cache,
    route: row.route,
    batch_id: row.batchId,
    request_hash: row.requestHash,
    request_bytes: row.requestBytes,
    response_bytes: row.responseBytes,
  };
}

function usdOrNull(nanos: Nanos | null): string | null {
  return nanos === null ? null : formatUsd(nanos);
}
