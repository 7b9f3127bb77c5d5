/**
 * The embedded ledger (SPEC §1.6): one SQLite file, created on first use, migrated at open.
 * SQLite-specific choices are confined to this folder: pragmas in open-sqlite-database.ts, the
 * statement cache, the prepared-statement write path (sqlite-ledger-writer.ts) and the background
 * WAL checkpointer (wal-checkpointer.ts); reads are the shared Kysely code in ../sql.
 */
import { Kysely, SqliteDialect } from 'kysely';
import type Database from 'better-sqlite3';
import type { LedgerStore } from '../../core/ports/index.ts';
import { migrateLedger } from '../migrations/migrate-ledger.ts';
import { createSqlLedgerStore } from '../sql/create-sql-ledger-store.ts';
import { kyselyLedgerWriter } from '../sql/apply-ledger-writes.ts';
import type { LedgerDatabase } from '../sql/ledger-database.ts';
import type { LedgerWriteApplier } from '../sql/ledger-writes.ts';
import { cacheStatements } from './cache-statements.ts';
import { openSqliteDatabase, suspendInlineCheckpoints } from './open-sqlite-database.ts';
import { SqliteLedgerWriter } from './sqlite-ledger-writer.ts';
import { openLedgerJournal, type LedgerJournal } from '../journal/ledger-journal.ts';
import { replayLedgerJournals } from './replay-ledger-journals.ts';
import { startWalCheckpointer, type WalCheckpointer, type WalCheckpointerOptions } from './wal-checkpointer.ts';

export interface SqliteLedgerStoreOptions {
  /** The database file (its folder is created when missing), or ':memory:'. */
  path: string;
  /** Largest number of writes in one transaction (default 10,000). */
  maxBatchSize?: number;
  /** Called after each committed group-commit transaction (metrics). */
  onBatch?: (info: { size: number }) => void;
  /**
   * How committed WAL pages reach the database file. 'background' (default for a file): a worker
   * thread checkpoints, never the writer. 'inline': SQLite's automatic checkpoint, run inside the
   * commit that crosses 1000 WAL pages.
   */
  checkpoint?: 'background' | 'inline';
  /** Tuning of the background checkpointer (tests). */
  checkpointer?: Omit<WalCheckpointerOptions, 'onFailure'>;
  /**
   * 'prepared' (default): batches run through statements prepared on the connection.
   * 'portable': through the dialect-neutral Kysely applier (kept tested here for other dialects).
   */
  writes?: 'prepared' | 'portable';
  /**
   * The gateway's write path (default false): open() and finalize() are durable once in a journal
   * file beside the database (one write(2) each) and reach the database in batches shortly after;
   * opening replays the journals of gateways that died (replay-ledger-journals.ts). Ignored for ':memory:'.
   */
  journal?: boolean;
  /** Journaled writes wait at most this long for their batch (default 50 ms). */
  journalDelayMs?: number;
  /** Size past which the journal starts a new segment file (default 4 MiB). */
  journalSegmentBytes?: number;
}

/** Opens the SQLite ledger at `path`, applying pending migrations first. */
export async function openSqliteLedgerStore(options: SqliteLedgerStoreOptions): Promise<LedgerStore> {
  const { database, db } = openSqliteConnection(options.path);
  let writer: SqliteLedgerWriter;
  try {
    await migrateLedger(db);
    // Prepared once the tables exist.
    writer = new SqliteLedgerWriter(database);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const inMemory = options.path === ':memory:' || options.path === '';
  let journal: LedgerJournal | undefined;
  try {
    if (options.journal && !inMemory) {
      replayLedgerJournals(options.path, database, writer);
      journal = openLedgerJournal(options.path, { ...(options.journalSegmentBytes === undefined ? {} : { segmentBytes: options.journalSegmentBytes }) });
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const apply: LedgerWriteApplier = options.writes === 'portable' ? kyselyLedgerWriter(db) : (writes, context) => writer.apply(writes, context);
  const background = !inMemory && (options.checkpoint ?? 'background') === 'background';
  let checkpointer: WalCheckpointer | undefined;
  let resumeInlineCheckpoints = () => {};
  // Started by the first write, so that a store opened only to read (CLI reports) starts no thread.
  const startCheckpointer = () => {
    resumeInlineCheckpoints = suspendInlineCheckpoints(options.path);
    // Without its checkpointer the WAL would grow for ever: SQLite's own takes over again.
    return startWalCheckpointer(options.path, { ...options.checkpointer, onFailure: () => resumeInlineCheckpoints() });
  };
  return createSqlLedgerStore({
    db,
    destroy: async () => {
      await checkpointer?.stop();
      resumeInlineCheckpoints();
      await db.destroy();
    },
    applyWrites: (writes, context) => {
      if (background) checkpointer ??= startCheckpointer();
      // Held only while the checkpointer restarts an oversized WAL (rare); otherwise synchronous.
      const held = checkpointer?.writesHeld();
      return held === undefined ? apply(writes, context) : held.then(() => apply(writes, context));
    },
    ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
    ...(options.onBatch === undefined ? {} : { onBatch: options.onBatch }),
    ...(journal === undefined ? {} : { journal }),
    ...(options.journalDelayMs === undefined ? {} : { journalDelayMs: options.journalDelayMs }),
  });
}

/** A Kysely instance over the ledger file (exported for tests that inspect the tables). */
export function openSqliteKysely(path: string): Kysely<LedgerDatabase> {
  return openSqliteConnection(path).db;
}

function openSqliteConnection(path: string): { database: Database.Database; db: Kysely<LedgerDatabase> } {
  const database = openSqliteDatabase(path);
  return { database, db: new Kysely<LedgerDatabase>({ dialect: new SqliteDialect({ database: cacheStatements(database) }) }) };
}
