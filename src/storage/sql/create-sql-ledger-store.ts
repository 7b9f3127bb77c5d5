/**
 * A LedgerStore over any Kysely database with the ledger schema. Dialect-specific concerns
 * (opening the file or pool, pragmas, migrations) stay in the adapters; this is the shared part.
 */
import type { Kysely } from 'kysely';
import type { LedgerRow, LedgerStore } from '../../core/ports/index.ts';
import { createGroupCommit } from '../group-commit.ts';
import { createLedgerIdGenerator } from '../ledger-id.ts';
import { LedgerStoreError, toLedgerWriteError } from '../ledger-store-error.ts';
import { kyselyLedgerWriter } from './apply-ledger-writes.ts';
import type { LedgerDatabase } from './ledger-database.ts';
import { columnsToRow } from './ledger-row-columns.ts';
import { finalizeWrite, openWrite } from './ledger-write-inputs.ts';
import type { LedgerWrite, LedgerWriteApplier, LedgerWriteResult } from './ledger-writes.ts';
import { listLedgerRequests } from './list-ledger-requests.ts';
import { queryUsage } from './query-usage.ts';

export interface SqlLedgerStoreOptions {
  db: Kysely<LedgerDatabase>;
  /** Releases the database; called by close() once pending writes have committed. */
  destroy: () => Promise<void>;
  /**
   * Applies one group-commit batch in one transaction. Default: the portable Kysely applier over
   * `db`; an adapter may pass a faster one for its driver (same outcomes, see ledger-writes.ts).
   */
  applyWrites?: LedgerWriteApplier;
  /** Makes ids for rows opened without one (default: a monotonic ULID-like generator). */
  newId?: (timeMs: number) => string;
  /** Largest number of writes in one transaction. */
  maxBatchSize?: number;
  /** Called after each committed group-commit transaction. */
  onBatch?: (info: { size: number }) => void;
}

/** In-flight rows remembered for a fast finalize; past this, the oldest take the read-back path. */
const MAX_IN_FLIGHT = 100_000;

/** Creates the store; the schema must already be migrated. */
export function createSqlLedgerStore(options: SqlLedgerStoreOptions): LedgerStore {
  const { db } = options;
  const newId = options.newId ?? createLedgerIdGenerator();
  const context = { inFlight: new Map<string, LedgerRow>() };
  const applyWrites = options.applyWrites ?? kyselyLedgerWriter(db);
  const committer = createGroupCommit<LedgerWrite, LedgerWriteResult>({
    commit: (writes) => applyWrites(writes, context),
    toError: toLedgerWriteError,
    ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
    ...(options.onBatch === undefined ? {} : { onBatch: options.onBatch }),
  });
  let closing: Promise<void> | undefined;

  function ensureOpen(): void {
    if (closing !== undefined) throw new LedgerStoreError('closed', 'the ledger store is closed; open a new one');
  }

  return {
    async open(input) {
      ensureOpen();
      const row = (await committer.enqueue(openWrite(input, newId))) as LedgerRow;
      // Only committed rows are remembered, so a rolled-back open can never be "settled" from memory.
      if (context.inFlight.size >= MAX_IN_FLIGHT) context.inFlight.delete(context.inFlight.keys().next().value!);
      context.inFlight.set(row.id, row);
      return row;
    },
    async finalize(id, patch) {
      ensureOpen();
      try {
        const row = (await committer.enqueue(finalizeWrite(id, patch))) as LedgerRow;
        context.inFlight.delete(id);
        return row;
      } catch (error) {
        if (error instanceof LedgerStoreError && (error.reason === 'conflict' || error.reason === 'not_found')) context.inFlight.delete(id);
        throw error;
      }
    },
    async recoverStarted(now) {
      ensureOpen();
      const count = (await committer.enqueue({ kind: 'recover', now: new Date(now.getTime()) })) as number;
      context.inFlight.clear();
      return count;
    },
    async getRequest(id) {
      ensureOpen();
      const record = await db.selectFrom('ledger_requests').selectAll().where('id', '=', id).executeTakeFirst();
      return record === undefined ? null : columnsToRow(record);
    },
    async listRequests(query) {
      ensureOpen();
      return listLedgerRequests(db, query);
    },
    async usage(query) {
      ensureOpen();
      return queryUsage(db, query);
    },
    close() {
      closing ??= committer.drain().then(() => options.destroy());
      return closing;
    },
  };
}

