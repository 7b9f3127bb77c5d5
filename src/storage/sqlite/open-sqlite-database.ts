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
 *
 * Checkpoints: SQLite's automatic one runs inside the commit that crosses 1000 WAL pages, fsyncs
 * included. While a background checkpointer runs for a file (the ledger store starts one, see
 * wal-checkpointer.ts), every connection this process has to that file, the other stores' too, has
 * it turned off (`suspendInlineCheckpoints`).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
    if (!inMemory) track(database, resolve(path));
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}

/** SQLite's default `wal_autocheckpoint`, in pages. */
const INLINE_CHECKPOINT_PAGES = 1000;
/** Open connections of this process, by resolved file path (closed ones are dropped as found). */
const connections = new Map<string, Set<Database.Database>>();
/** Files whose checkpoints a background checkpointer does, with how many hold them so. */
const suspended = new Map<string, number>();

function track(database: Database.Database, file: string): void {
  for (const [key, set] of connections) {
    for (const other of set) if (!other.open) set.delete(other);
    if (set.size === 0) connections.delete(key);
  }
  let set = connections.get(file);
  if (set === undefined) connections.set(file, (set = new Set()));
  set.add(database);
  if (suspended.has(file)) database.pragma('wal_autocheckpoint = 0');
}

function setInlineCheckpoints(file: string, pages: number): void {
  for (const database of connections.get(file) ?? []) {
    if (!database.open) continue;
    try {
      database.pragma(`wal_autocheckpoint = ${pages}`);
    } catch {
      // A connection busy iterating a result keeps its setting; it only moves a checkpoint.
    }
  }
}

/**
 * Turns SQLite's automatic checkpoint off on every connection of this process to `path`, open now
 * or later, until the returned function is called (for the life of a background checkpointer).
 */
export function suspendInlineCheckpoints(path: string): () => void {
  const file = resolve(path);
  suspended.set(file, (suspended.get(file) ?? 0) + 1);
  setInlineCheckpoints(file, 0);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const count = (suspended.get(file) ?? 1) - 1;
    if (count > 0) {
      suspended.set(file, count);
      return;
    }
    suspended.delete(file);
    setInlineCheckpoints(file, INLINE_CHECKPOINT_PAGES);
  };
}
