/**
 * A usage result in its public form (SPEC §14): each group's dimension values under their
 * snake_case names, an optional `bucket`, then the metrics; money as exact decimal strings, so
 * `total` equals the sum of `data` to the nano-dollar, as the port guarantees.
 */
import { formatUsd } from '../core/money/index.ts';
import type { UsageGroup, UsageMetrics, UsageResult } from '../core/ports/index.ts';
import { dimensionParamName } from './usage-dimensions.ts';

export type UsageMetricsJson = {
  requests: number;
  /** Sum over priced requests; null when no request of the group has a price (unknown is not $0). */
  cost_usd: string | null;
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  /** Requests whose model had no price: their cost is in no sum. */
  unpriced_requests: number;
  savings_usd: string;
};

/** Dimension values (string or null), `bucket` (ISO time) and the metrics, flat as SPEC §14 shows. */
export type UsageGroupJson = Readonly<Record<string, string | number | null>>;

export interface UsageJson {
  data: UsageGroupJson[];
  total: UsageMetricsJson;
}

/** The metric fields in the order they are printed and written to CSV. */
export const USAGE_METRIC_FIELDS = [
  'requests', 'cost_usd', 'input_tokens', 'cached_input_tokens', 'cache_write_tokens',
  'output_tokens', 'reasoning_tokens', 'unpriced_requests', 'savings_usd',
] as const satisfies readonly (keyof UsageMetricsJson)[];

export function usageToJson(result: UsageResult): UsageJson {
  return { data: result.data.map(groupToJson), total: metricsToJson(result.total) };
}

function groupToJson(group: UsageGroup): UsageGroupJson {
  const json: Record<string, string | number | null> = {};
  for (const [dimension, value] of Object.entries(group.group)) json[dimensionParamName(dimension)] = value;
  if (group.bucket !== undefined) json.bucket = group.bucket.toISOString();
  return { ...json, ...metricsToJson(group) };
}

/** The metrics of a group or of the total. */
export function metricsToJson(metrics: UsageMetrics): UsageMetricsJson {
  const nothingPriced = metrics.requests > 0 && metrics.unpricedRequests === metrics.requests;
  return {
    requests: metrics.requests,
    cost_usd: nothingPriced ? null : formatUsd(metrics.costUsd),
    input_tokens: metrics.inputTokens,
    cached_input_tokens: metrics.cachedInputTokens,
    cache_write_tokens: metrics.cacheWriteTokens,
    output_tokens: metrics.outputTokens,
    reasoning_tokens: metrics.reasoningTokens,
    unpriced_requests: metrics.unpricedRequests,
    savings_usd: formatUsd(metrics.savingsUsd),
  };
}
