/** Usage metric records: empty, summed, and read from a SQL result row. */
import type { UsageMetrics } from '../../core/ports/index.ts';
import { MONEY_METRIC_COLUMNS, TOKEN_COLUMNS, TOKEN_FIELDS } from './ledger-fields.ts';
import { readBigInt, readNumber } from './read-sql-value.ts';

/** All-zero metrics. */
export function emptyUsageMetrics(): UsageMetrics {
  const metrics = { requests: 0, unpricedRequests: 0, costUsd: 0n, counterfactualCostUsd: 0n, savingsUsd: 0n } as UsageMetrics;
  for (const field of TOKEN_FIELDS) metrics[field] = 0;
  return metrics;
}

/** Adds `from` into `into` (exactly: money is bigint). */
export function addUsageMetrics(into: UsageMetrics, from: UsageMetrics): void {
  into.requests += from.requests;
  into.unpricedRequests += from.unpricedRequests;
  into.costUsd += from.costUsd;
  into.counterfactualCostUsd += from.counterfactualCostUsd;
  into.savingsUsd += from.savingsUsd;
  for (const field of TOKEN_FIELDS) into[field] += from[field];
}

/** Reads the metric columns of a usage query row (SUM() over no values is NULL: read as 0). */
export function readUsageMetrics(record: Record<string, unknown>): UsageMetrics {
  const metrics = emptyUsageMetrics();
  metrics.requests = readNumber(record.requests) ?? 0;
  metrics.unpricedRequests = readNumber(record.unpriced_requests) ?? 0;
  for (const [field, column] of Object.entries(MONEY_METRIC_COLUMNS) as [keyof typeof MONEY_METRIC_COLUMNS, string][]) {
    metrics[field] = readBigInt(record[column]) ?? 0n;
  }
  for (const field of TOKEN_FIELDS) metrics[field] = readNumber(record[TOKEN_COLUMNS[field]]) ?? 0;
  return metrics;
}
