/**
 * The ledger's journaled write path: open() and finalize() of rows this store opened are durable
 * once their line is in the journal (see ../journal/ledger-journal.ts), and reach the database
 * shortly after, many per transaction: every `delayMs`, or at once past `batchSize`. An open and
 * its finalize that meet in one batch become one INSERT of the settled row. The lines of one turn
 * of the event loop go to the journal in one write(2) (a setImmediate later), like a group commit.
 *
 * Readers of this store see every write (a read first hands what waits to the database); other
 * connections and processes see a write within `delayMs` plus one commit. A finalize of a row not
 * opened here (another process, or forgotten past the in-flight limit) takes the database path.
 */
import type { LedgerRow } from '../../core/ports/index.ts';
import type { GroupCommit } from '../group-commit.ts';
import type { LedgerJournal } from '../journal/ledger-journal.ts';
import { LedgerStoreError } from '../ledger-store-error.ts';
import { encodeJournalWrite } from './ledger-journal-codec.ts';
import { conflictError, settledRow, type LedgerFinalizeWrite, type LedgerOpenWrite, type LedgerWrite, type LedgerWriteResult } from './ledger-writes.ts';

export interface JournaledWritesOptions {
  readonly journal: LedgerJournal;
  readonly committer: GroupCommit<LedgerWrite, LedgerWriteResult>;
  /** The store's rows opened and not yet settled in the database, shared with the applier. */
  readonly inFlight: Map<string, LedgerRow>;
  readonly delayMs?: number;
  readonly batchSize?: number;
  /** Journaled writes the database refused: `retried` (kept in the journal) or dropped (a write no database would take). */
  readonly onError?: (error: unknown, retried: boolean) => void;
}

export interface JournaledWrites {
  /** Resolves once the write is journaled. */
  open(write: LedgerOpenWrite): Promise<LedgerRow>;
  /** The settled row once journaled, or undefined when the row is not one this store can settle from memory. */
  finalize(write: LedgerFinalizeWrite): Promise<LedgerRow> | undefined;
  /** Hands every waiting write to the database and resolves once they are committed. */
  flush(): Promise<void>;
  /** Whether writes are waiting or committing. */
  readonly pending: boolean;
  /** After the last flush: removes the journal when everything reached the database. */
  close(): void;
}

interface Entry {
  readonly write: LedgerOpenWrite | LedgerFinalizeWrite;
  readonly segment: number;
}

/** Failures of one write that retrying cannot fix: reported and dropped (they would fail in any database). */
const PERMANENT = new Set(['conflict', 'not_found', 'invalid_input']);
const RETRY_MS = 1_000;

export function createJournaledWrites(options: JournaledWritesOptions): JournaledWrites {
  const { journal, committer, inFlight } = options;
  const delayMs = options.delayMs ?? 50;
  const batchSize = options.batchSize ?? 2_000;
  const onError =
    options.onError ??
    ((error: unknown, retried: boolean) =>
      console.error(`costops: the ledger database refused a journaled write (${retried ? 'kept in the journal, retried every second' : 'dropped: it is invalid'}):`, error));
  /** Journaled writes, with their journal segment, waiting to be handed to the database. */
  let waiting: Entry[] = [];
  let failed: Entry[] = [];
  let timer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  /** Journaled writes not yet committed to the database. */
  let uncommitted = 0;
  /** Rows settled from memory whose finalize has not reached the database: their status. */
  const settling = new Map<string, string>();
  /** Lines of this turn, not yet in the journal, with their writes and callers. */
  let lines: string[] = [];
  let lineWrites: (LedgerOpenWrite | LedgerFinalizeWrite)[] = [];
  let callers: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  let appendScheduled = false;

  /** One write(2) for the turn's lines; then their writes wait for the database. */
  function appendTurn(): void {
    appendScheduled = false;
    if (lines.length === 0) return; // flush() wrote them already
    const text = lines.join('');
    const writes = lineWrites;
    const turnCallers = callers;
    lines = [];
    lineWrites = [];
    callers = [];
    let segment: number;
    try {
      segment = journal.append(text, writes.length);
    } catch (error) {
      for (const write of writes) if (write.kind === 'finalize') settling.delete(write.id);
      for (const caller of turnCallers) caller.reject(error);
      return;
    }
    uncommitted += writes.length;
    for (const write of writes) queueForDatabase({ write, segment });
    for (const caller of turnCallers) caller.resolve();
  }

  function schedule(): void {
    if (waiting.length >= batchSize) handOver();
    else timer ??= setTimeout(handOver, delayMs);
  }

  function handOver(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const entries = waiting;
    waiting = [];
    for (const entry of entries) committer.enqueue(entry.write).then(() => committed(entry), (error: unknown) => refused(entry, error));
  }

  function committed({ write, segment }: Entry): void {
    if (write.kind === 'finalize') {
      settling.delete(write.id);
      inFlight.delete(write.id);
    }
    uncommitted--;
    journal.committed(segment);
  }

  function refused(entry: Entry, error: unknown): void {
    const permanent = error instanceof LedgerStoreError && PERMANENT.has(error.reason);
    onError(error, !permanent);
    if (permanent) {
      committed(entry);
      return;
    }
    // The database failed (disk full, I/O): the write stays journaled and is tried again, in order.
    failed.push(entry);
    retryTimer ??= setTimeout(() => {
      retryTimer = undefined;
      waiting = [...failed, ...waiting];
      failed = [];
      handOver();
    }, RETRY_MS);
  }

  function queueForDatabase(entry: Entry): void {
    waiting.push(entry);
    schedule();
  }

  function journaled(write: LedgerOpenWrite | LedgerFinalizeWrite): Promise<void> {
    lines.push(encodeJournalWrite(write));
    lineWrites.push(write);
    if (!appendScheduled) {
      appendScheduled = true;
      setImmediate(appendTurn);
    }
    return new Promise((resolve, reject) => callers.push({ resolve, reject }));
  }

  return {
    open(write) {
      // Remembered at once, so a finalize in the same turn settles it from memory (its line follows).
      inFlight.set(write.row.id, write.row);
      return journaled(write).then(
        () => write.row,
        (error: unknown) => {
          inFlight.delete(write.row.id);
          throw error;
        },
      );
    },
    finalize(write) {
      const status = settling.get(write.id);
      if (status !== undefined) return Promise.reject(conflictError(write.id, status));
      const known = inFlight.get(write.id);
      if (known === undefined) return undefined;
      settling.set(write.id, String(write.fields.status));
      return journaled(write).then(() => settledRow(known, write));
    },
    async flush() {
      if (appendScheduled) appendTurn();
      if (waiting.length > 0) handOver();
      await committer.drain();
    },
    get pending() {
      return uncommitted > 0 || lines.length > 0;
    },
    close() {
      if (timer !== undefined) clearTimeout(timer);
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      // Segments with writes still pending (a failing database) stay for the next start to replay.
      journal.close();
    },
  };
}
