/**
 * usage(): picks the hourly rollup when it covers the query (same answer, far fewer rows),
 * orders the groups, and computes the total as the exact sum of the groups.
 */
import type { Kysely } from 'kysely';
import type { UsageGroup, UsageQuery, UsageResult } from '../../core/ports/index.ts';
import type { LedgerDatabase } from './ledger-database.ts';
import { selectUsageGroups, type UsageSource } from './select-usage-groups.ts';
import { rollupCovers } from './usage-dimensions.ts';
import { addUsageMetrics, emptyUsageMetrics } from './usage-metrics.ts';

/** Answers a usage query; `source` forces raw rows or the rollup (tests compare the two). */
export async function queryUsage(db: Kysely<LedgerDatabase>, query: UsageQuery, source: UsageSource | 'auto' = 'auto'): Promise<UsageResult> {
  const chosen = source === 'auto' ? (rollupCovers(query) ? 'rollup' : 'raw') : source;
  const data = await selectUsageGroups(db, query, chosen);
  // Ordered here rather than in SQL: text collation differs between databases, code units do not.
  const names = query.groupBy ?? [];
  data.sort((a, b) => compareGroups(a, b, names));
  const total = emptyUsageMetrics();
  for (const group of data) addUsageMetrics(total, group);
  return { data, total };
}

function compareGroups(a: UsageGroup, b: UsageGroup, names: readonly string[]): number {
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
}
