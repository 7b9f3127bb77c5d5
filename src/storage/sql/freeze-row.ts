import type { LedgerRow } from '../../core/ports/index.ts';

/**
 * Rows handed out by open() and finalize() are frozen: the store keeps in-flight rows to settle
 * them without a read-back, so a caller's edit must not be able to reach that copy.
 */
export function freezeRow(row: LedgerRow): LedgerRow {
  Object.freeze(row.tags);
  return Object.freeze(row);
}
