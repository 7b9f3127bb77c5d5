/**
 * The contract's reference for usage(): the same answer computed directly from the rows in
 * memory, written independently of any SQL so that it can catch the adapters' mistakes.
 */
import type { LedgerRow, LedgerTokenField, UsageGroup, UsageMetrics, UsageQuery, UsageResult } from '../../core/ports/index.ts';

const TOKEN_FIELDS: LedgerTokenField[] = [
  'inputTokens',
  'cachedInputTokens',
  'cacheWriteTokens',
  'cacheWrite1hTokens',
  'inputAudioTokens',
  'outputTokens',
  'reasoningTokens',
  'outputAudioTokens',
];

function zero(): UsageMetrics {
  const metrics = { requests: 0, unpricedRequests: 0, costUsd: 0n, counterfactualCostUsd: 0n, savingsUsd: 0n } as UsageMetrics;
  for (const field of TOKEN_FIELDS) metrics[field] = 0;
  return metrics;
}

/** Adds one row's contribution (or another metrics record) into `into`. */
export function addMetrics(into: UsageMetrics, from: UsageMetrics | LedgerRow): void {
  if ('id' in from) {
    into.requests += 1;
    if (from.unpriced) into.unpricedRequests += 1;
    into.costUsd += from.costUsd ?? 0n;
    into.counterfactualCostUsd += from.counterfactualCostUsd ?? 0n;
    into.savingsUsd += from.savingsUsd ?? 0n;
    for (const field of TOKEN_FIELDS) into[field] += from[field] ?? 0;
    return;
  }
  into.requests += from.requests;
  into.unpricedRequests += from.unpricedRequests;
  into.costUsd += from.costUsd;
  into.counterfactualCostUsd += from.counterfactualCostUsd;
  into.savingsUsd += from.savingsUsd;
  for (const field of TOKEN_FIELDS) into[field] += from[field];
}

/** Sums metrics records. */
export function sumMetrics(records: readonly UsageMetrics[]): UsageMetrics {
  const total = zero();
  for (const record of records) addMetrics(total, record);
  return total;
}

function dimensionValue(row: LedgerRow, name: string): string {
  const value = name.startsWith('tag.') ? row.tags[name.slice(4)] : (row as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/** What usage(query) must answer for these rows. */
export function expectedUsage(rows: readonly LedgerRow[], query: UsageQuery): UsageResult {
  const names = query.groupBy ?? [];
  const size = query.bucket === 'hour' ? 3_600_000 : 86_400_000;
  const groups = new Map<string, UsageGroup>();
  for (const row of rows) {
    const time = row.startedAt.getTime();
    if (row.status === 'started') continue;
    if (query.since && time < query.since.getTime()) continue;
    if (query.until && time >= query.until.getTime()) continue;
    const filters = Object.entries(query.where ?? {}).filter(([, value]) => value !== undefined);
    if (!filters.every(([name, value]) => dimensionValue(row, name) === (value ?? ''))) continue;
    const group: Record<string, string | null> = {};
    for (const name of names) group[name] = dimensionValue(row, name) || null;
    const bucket = query.bucket ? time - (time % size) : undefined;
    const key = JSON.stringify([bucket, names.map((name) => group[name])]);
    let entry = groups.get(key);
    if (!entry) {
      entry = { group, ...zero() };
      if (bucket !== undefined) entry.bucket = new Date(bucket);
      groups.set(key, entry);
    }
    addMetrics(entry, row);
  }
  const data = [...groups.values()].sort((a, b) => {
    const byBucket = (a.bucket?.getTime() ?? 0) - (b.bucket?.getTime() ?? 0);
    if (byBucket !== 0) return byBucket;
    for (const name of names) {
      const left = a.group[name] ?? null;
      const right = b.group[name] ?? null;
      if (left === right) continue;
      if (left === null) return -1;
      if (right === null) return 1;
      return left < right ? -1 : 1;
    }
    return 0;
  });
  return { data, total: sumMetrics(data) };
}
