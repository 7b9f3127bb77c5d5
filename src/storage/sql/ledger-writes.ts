/**
 * The writes a ledger store queues for group commit, as the appliers receive them: validated,
 * converted to column values, and laid out for binding (positional arrays, no per-write objects
 * keyed by column). Two appliers run them: the portable Kysely one (apply-ledger-writes.ts) and
 * SQLite's prepared-statement one (../sqlite/sqlite-ledger-writer.ts); both give the same outcomes.
 */
import type { LedgerRow } from '../../core/ports/index.ts';
import type { Settled } from '../group-commit.ts';
import { LedgerStoreError } from '../ledger-store-error.ts';
import { patchRow } from './patch-row.ts';

/** A value as bound to a statement. */
export type SqlValue = string | number | bigint | null;

export type LedgerWrite = LedgerOpenWrite | LedgerFinalizeWrite | { kind: 'recover'; now: Date };

export interface LedgerOpenWrite {
  kind: 'open';
  /** The `started` row as stored (frozen): what open() resolves with. */
  row: LedgerRow;
  /** One value per column, in LEDGER_COLUMNS order. */
  values: readonly SqlValue[];
}

export interface LedgerFinalizeWrite {
  kind: 'finalize';
  id: string;
  /** The patch as row fields (copied, validated). */
  fields: Partial<LedgerRow>;
  /** The columns the patch sets, in patch order. */
  columns: readonly string[];
  /** `columns` joined: identifies the statement shape. */
  shape: string;
  /** The value of each of `columns`, then the row id: the parameters of `UPDATE … SET … WHERE id = ?`. */
  parameters: readonly SqlValue[];
  /**
   * The settled row, once computed from `base` (the in-flight row it patched), so the applier
   * that settles the same row does not build it twice.
   */
  settled?: { readonly base: LedgerRow; readonly row: LedgerRow };
}

/** The row `write` settles `base` into (computed once per write and base). */
export function settledRow(base: LedgerRow, write: LedgerFinalizeWrite): LedgerRow {
  if (write.settled?.base === base) return write.settled.row;
  const row = patchRow(base, write.fields);
  write.settled = { base, row };
  return row;
}

export type LedgerWriteResult = LedgerRow | number;

export type LedgerWriteOutcomes = Settled<LedgerWriteResult>[];

export interface LedgerWriteContext {
  /**
   * Rows this store opened and committed that are still `started`, as written. Settling one of
   * them needs no read-back: the settled row is this row with the patch applied.
   */
  inFlight: ReadonlyMap<string, LedgerRow>;
}

/** Applies one batch in one transaction (throws, or rejects, when it rolled back). */
export type LedgerWriteApplier = (writes: readonly LedgerWrite[], context: LedgerWriteContext) => LedgerWriteOutcomes | Promise<LedgerWriteOutcomes>;

export function notFoundError(id: string): LedgerStoreError {
  return new LedgerStoreError('not_found', `no ledger row with id ${id}; open() it before finalize()`);
}

export function conflictError(id: string, status: string): LedgerStoreError {
  return new LedgerStoreError('conflict', `ledger row ${id} is already settled (status ${status}); a row is finalized once`);
}
