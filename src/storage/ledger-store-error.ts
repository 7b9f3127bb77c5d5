/**
 * The typed error a ledger store rejects with. `reason` tells callers what happened without
 * parsing messages; `code` places it in the costops error vocabulary (and so an HTTP status).
 */
import { CostOpsError, type ErrorCode } from '../core/errors/index.ts';

export type LedgerStoreErrorReason =
  /** finalize() of an id that was never opened. */
  | 'not_found'
  /** finalize() of a row that is no longer `started` (already settled or recovered). */
  | 'conflict'
  /** The input breaks a ledger rule (money not a bigint, cost on an unpriced row, …). */
  | 'invalid_input'
  /** The database refused or failed the write; `cause` holds the driver's error. */
  | 'write_failed'
  /** The store was closed. */
  | 'closed';

const CODES: Record<LedgerStoreErrorReason, ErrorCode> = {
  not_found: 'not_found',
  conflict: 'conflict',
  invalid_input: 'invalid_request',
  write_failed: 'internal_error',
  closed: 'internal_error',
};

export class LedgerStoreError extends CostOpsError {
  readonly reason: LedgerStoreErrorReason;

  constructor(reason: LedgerStoreErrorReason, message: string, options?: { cause?: unknown }) {
    super(CODES[reason], message, options);
    this.name = 'LedgerStoreError';
    this.reason = reason;
  }
}

/** Wraps whatever a driver threw as a `write_failed` LedgerStoreError (keeps typed errors as they are). */
export function toLedgerWriteError(error: unknown): LedgerStoreError {
  if (error instanceof LedgerStoreError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new LedgerStoreError('write_failed', `ledger write failed: ${detail}`, { cause: error });
}
