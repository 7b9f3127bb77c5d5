/**
 * Opens the SQLite file the ledger lives in, tuned for our threat model: the process may be
 * killed at any moment, the machine is assumed not to lose power under us.
 *
 * - WAL: readers never block the writer, and a commit is one append to the -wal file.
 * - synchronous=NORMAL: a commit is written to the WAL (the OS holds it) but not fsync'ed on
 *   every transaction. A killed process loses nothing committed: the OS still writes the pages
 *   out. Only an OS crash or power loss can drop the last transactions, which FULL would keep at
 *   the price of one fsync per commit. Group commit already amortises that cost; switch to FULL
 *   here if power loss is in scope.
 * - safe integers: every INTEGER is read as a bigint, so nano-USD values and their SQL SUM()s
 *   (64-bit integers in SQLite) arrive exactly; as JS numbers they would round past 2^53 nano-USD
 *   (about $9M) without a word.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** Opens (creating it and its folder when missing) a ledger database file. */
export function openSqliteDatabase(path: string): Database.Database {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    // Waits for a backup or CLI that holds the lock briefly instead of failing at once.
    database.pragma('busy_timeout = 5000');
    // 32 MiB of page cache (default 2 MiB) keeps the hot index pages of a large ledger in memory.
    database.pragma('cache_size = -32768');
    database.defaultSafeIntegers(true);
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}
