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
import type { LedgerJournal } from '../journal/ledger-journal.ts';
import { createJournaledWrites } from './journaled-writes.ts';

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
  /**
   * With a journal, open() and finalize() of this store's rows are durable once journaled and reach
   * the database in batches shortly after (journaled-writes.ts); without one, each awaits its commit.
   */
  journal?: LedgerJournal;
  /** Journaled writes wait at most this long for their batch (default 50 ms). */
  journalDelayMs?: number;
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
  const journaled =
    options.journal &&
    createJournaledWrites({
      journal: options.journal,
      committer,
      inFlight: context.inFlight,
      ...(options.journalDelayMs === undefined ? {} : { delayMs: options.journalDelayMs }),
    });
  /** Before a read: what this store wrote is in the database. */
  const settled = () => (journaled?.pending ? journaled.flush() : undefined);

  function ensureOpen(): void {
    if (closing !== undefined) throw new LedgerStoreError('closed', 'the ledger store is closed; open a new one');
  }

  return {
    async open(input) {
      ensureOpen();
      const write = openWrite(input, newId);
      if (context.inFlight.size >= MAX_IN_FLIGHT) context.inFlight.delete(context.inFlight.keys().next().value!);
      // A journaled row is remembered at once: the journal replays it whatever happens next. An id
      // the caller chose may exist already: only the database can say, so that open waits for it.
      if (journaled && input.id === undefined) return journaled.open(write);
      if (journaled) await journaled.flush(); // (no await otherwise: writes of one turn keep their order)
      const row = (await committer.enqueue(write)) as LedgerRow;
      // Only committed rows are remembered, so a rolled-back open can never be "settled" from memory.
      context.inFlight.set(row.id, row);
      return row;
    },
    async finalize(id, patch) {
      ensureOpen();
      const write = finalizeWrite(id, patch);
      if (journaled) {
        const row = journaled.finalize(write);
        if (row !== undefined) return row;
        await journaled.flush(); // a row this store does not hold: the database decides, after what waits
      }
      try {
        const row = (await committer.enqueue(write)) as LedgerRow;
        context.inFlight.delete(id);
        return row;
      } catch (error) {
        if (error instanceof LedgerStoreError && (error.reason === 'conflict' || error.reason === 'not_found')) context.inFlight.delete(id);
        throw error;
      }
    },
    async recoverStarted(now) {
      ensureOpen();
      await settled();
      const count = (await committer.enqueue({ kind: 'recover', now: new Date(now.getTime()) })) as number;
      context.inFlight.clear();
      return count;
    },
    async getRequest(id) {
      ensureOpen();
      await settled();
      const record = await db.selectFrom('ledger_requests').selectAll().where('id', '=', id).executeTakeFirst();
      return record === undefined ? null : columnsToRow(record);
    },
    async listRequests(query) {
      ensureOpen();
      await settled();
      return listLedgerRequests(db, query);
    },
    async usage(query) {
      ensureOpen();
      await settled();
      return queryUsage(db, query);
    },
    close() {
      closing ??= (async () => {
        await journaled?.flush();
        await committer.drain();
        journaled?.close();
        await options.destroy();
      })();
      return closing;
    },
  };
}

