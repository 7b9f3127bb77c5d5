/** The `costops report` table: one line per group, every token class, exact cost, and a TOTAL line. */
import type { UsageJson, UsageMetricsJson } from '../../analytics/index.ts';
import { groupDigits, renderTable } from './table.ts';

const METRIC_HEADERS = ['requests', 'input', 'cached input', 'cache write', 'output', 'reasoning', 'cost (USD)'];

/**
 * `groupBy` are snake_case dimension names. Costs are printed exactly (9 decimals) so the TOTAL
 * line can be checked against the lines above it; a group with no priced request says "unpriced".
 */
export function renderUsageTable(usage: UsageJson, options: { groupBy: readonly string[]; bucket?: 'hour' | 'day' | undefined }): string {
  const keys = [...options.groupBy, ...(options.bucket ? ['bucket'] : [])];
  const showUnpriced = usage.total.unpriced_requests > 0;
  const headers = [...(keys.length > 0 ? keys : ['group']), ...METRIC_HEADERS, ...(showUnpriced ? ['unpriced'] : [])];
  const groupCells = (group: Readonly<Record<string, unknown>>) =>
    keys.length > 0 ? keys.map((key) => (key === 'bucket' ? bucketText(String(group.bucket), options.bucket) : cellText(group[key]))) : ['all'];
  const rows = usage.data.map((group) => [...groupCells(group), ...metricCells(group as unknown as UsageMetricsJson, showUnpriced)]);
  const labelColumns = Math.max(keys.length, 1);
  const total = [...Array.from({ length: labelColumns }, (_, index) => (index === 0 ? 'TOTAL' : '')), ...metricCells(usage.total, showUnpriced)];
  const rightAlign = headers.map((_, index) => index).filter((index) => index >= labelColumns);
  const lines = renderTable(headers, [...rows, total], { rightAlign }).split('\n');
  // Repeat the header rule above TOTAL so the sum stands apart from the groups it adds up.
  lines.splice(lines.length - 1, 0, lines[1]!);
  return lines.join('\n');
}

function metricCells(metrics: UsageMetricsJson, showUnpriced: boolean): string[] {
  return [
    groupDigits(metrics.requests),
    groupDigits(metrics.input_tokens),
    groupDigits(metrics.cached_input_tokens),
    groupDigits(metrics.cache_write_tokens),
    groupDigits(metrics.output_tokens),
    groupDigits(metrics.reasoning_tokens),
    metrics.cost_usd ?? 'unpriced',
    ...(showUnpriced ? [groupDigits(metrics.unpriced_requests)] : []),
  ];
}

function cellText(value: unknown): string {
  return value === null || value === undefined || value === '' ? '(none)' : String(value);
}

/** `2026-01-05T10:00:00.000Z` → `2026-01-05 10:00` (hour) or `2026-01-05` (day). */
function bucketText(iso: string, bucket: 'hour' | 'day' | undefined): string {
  return bucket === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
