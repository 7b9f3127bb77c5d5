/** The ledger as CSV: the SPEC §7 columns in order, one record per row. */
import { csvLine } from './csv-field.ts';
import { LEDGER_JSON_FIELDS, type LedgerRowJson } from './row-to-json.ts';

/** The header record. */
export function ledgerCsvHeader(): string {
  return csvLine(LEDGER_JSON_FIELDS);
}

/** One row as a CSV record; tags as `k=v;k=v` so they fit one cell. */
export function rowToCsv(row: LedgerRowJson): string {
  return csvLine(LEDGER_JSON_FIELDS.map((field) => (field === 'tags' ? formatTags(row.tags) : row[field])));
}

/**
 * Rows as a CSV document. Takes the JSON form (not LedgerRow) so rows read from the admin API and
 * rows read from the store print byte for byte the same.
 */
export function rowsToCsv(rows: readonly LedgerRowJson[], options: { header?: boolean } = {}): string {
  return (options.header === false ? '' : ledgerCsvHeader()) + rows.map(rowToCsv).join('');
}

/** `{team: "search", tier: "gold"}` → `team=search;tier=gold` (empty when there are none). */
export function formatTags(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .map(([key, value]) => `${key}=${value}`)
    .join(';');
}
