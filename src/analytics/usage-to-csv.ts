/**
 * A usage result as CSV: the group columns, `bucket` when asked for, then the metrics. No TOTAL
 * record: a CSV is data for a spreadsheet, where a total row would be summed twice.
 */
import { csvLine } from './csv-field.ts';
import { USAGE_METRIC_FIELDS, type UsageJson } from './usage-to-json.ts';

/** `groupBy` are the snake_case dimension names, in the order asked for. */
export function usageToCsv(usage: UsageJson, options: { groupBy: readonly string[]; bucket: boolean }): string {
  const keys = [...options.groupBy, ...(options.bucket ? ['bucket'] : []), ...USAGE_METRIC_FIELDS];
  return csvLine(keys) + usage.data.map((group) => csvLine(keys.map((key) => group[key] ?? null))).join('');
}
