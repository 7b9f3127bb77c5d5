/** The ledger as JSON Lines: one SPEC §7 object per line, for streaming into other tools. */
import type { LedgerRowJson } from './row-to-json.ts';

/** Rows as JSONL, each line ending in "\n" (so pages can be concatenated). */
export function rowsToJsonl(rows: readonly LedgerRowJson[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}
