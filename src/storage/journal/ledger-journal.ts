/**
 * The ledger's local journal (SPEC §7 durability: "or in a local journal that start-up replays").
 * A gateway appends its ledger writes to it (those of one event-loop turn in one write(2)) before
 * it calls upstream or answers, and the database receives them a little later, many per transaction. A write(2) that
 * returned is in the kernel's page cache: it survives the process being killed, like a SQLite
 * commit with synchronous=NORMAL (neither survives the machine losing power before the disk got it).
 *
 * Each process writes its own file beside the database, `<db>.journal-<pid>`, whose first line
 * says who wrote it (pid and the process's start time, so a reused pid is not mistaken for the
 * writer). Once everything appended has reached the database the file is emptied (when it has
 * grown past `truncateBytes`) or removed (at close). A file whose writer is gone is an orphan: the
 * next gateway on the database replays it (see replay-journals.ts) and removes it.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface LedgerJournal {
  /** Appends one line; throws when it could not be written (the caller must not go on as if durable). */
  append(line: string): void;
  /** Everything appended so far is in the database: the file may be emptied. */
  committed(): void;
  /** Removes the file (everything appended must be in the database). */
  close(): void;
}

const HEADER_PREFIX = 'costops-ledger-journal ';
/** The journals this process has open (a file with our pid that is not one of them is a leftover). */
const own = new Set<string>();

export function openLedgerJournal(databasePath: string, options: { truncateBytes?: number } = {}): LedgerJournal {
  const truncateBytes = options.truncateBytes ?? 4 * 1024 * 1024;
  const path = journalPath(databasePath, process.pid);
  const fd = openSync(path, 'a');
  const header = `${HEADER_PREFIX}${JSON.stringify({ pid: process.pid, started: processStartTime(process.pid) })}\n`;
  let size = fstatSync(fd).size;
  if (size > 0) throw new Error(`ledger journal ${path} already holds writes: replay it before opening a new one`);
  writeSync(fd, header);
  size = Buffer.byteLength(header);
  own.add(path);
  let closed = false;
  return {
    append(line) {
      if (closed) throw new Error('the ledger journal is closed');
      writeSync(fd, line);
      size += line.length; // an estimate in UTF-16 units is enough to decide when to truncate
    },
    committed() {
      if (closed || size < truncateBytes) return;
      ftruncateSync(fd, 0);
      writeSync(fd, header);
      size = Buffer.byteLength(header);
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
      unlinkSync(path);
      own.delete(path);
    },
  };
}

export function journalPath(databasePath: string, pid: number): string {
  return `${resolve(databasePath)}.journal-${pid}`;
}

/** Journal files of `databasePath` whose writer is no longer running. */
export function orphanJournals(databasePath: string): string[] {
  const folder = dirname(resolve(databasePath));
  const prefix = `${basename(databasePath)}.journal-`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => join(folder, name))
    .filter((file) => !writerIsRunning(file));
}

/** The write lines of a journal file (its header left out). */
export function readJournalLines(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.filter((line) => line !== '' && !line.startsWith(HEADER_PREFIX));
}

export function removeJournal(file: string): void {
  unlinkSync(file);
}

function writerIsRunning(file: string): boolean {
  if (own.has(file)) return true;
  let header: { pid?: unknown; started?: unknown };
  try {
    const first = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
    if (!first.startsWith(HEADER_PREFIX)) return false;
    header = JSON.parse(first.slice(HEADER_PREFIX.length)) as typeof header;
  } catch {
    return false;
  }
  if (typeof header.pid !== 'number') return false;
  if (header.pid === process.pid) return false; // not ours (see `own`): a previous process had this pid
  try {
    process.kill(header.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // Alive: the same process only if it started when the writer did (where that can be known), and
  // not a zombie (killed, not yet reaped by its parent: it writes nothing more).
  const stat = processStat(header.pid);
  if (stat === null) return true;
  return stat.state !== 'Z' && (header.started === null || stat.started === header.started);
}

/** The process's start time in clock ticks since boot (Linux), or null where it cannot be read. */
function processStartTime(pid: number): string | null {
  return processStat(pid)?.started ?? null;
}

/** State and start time from /proc/<pid>/stat (Linux); null where there is no such file. */
function processStat(pid: number): { state: string; started: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', started: fields[19] ?? '' };
  } catch {
    return null;
  }
}
