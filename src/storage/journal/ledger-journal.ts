/**
 * The ledger's local journal (SPEC §7 durability: "or in a local journal that start-up replays").
 * A gateway appends its ledger writes to it (those of one event-loop turn in one write(2)) before
 * it calls upstream or answers, and the database receives them a little later, many per transaction. A write(2) that
 * returned is in the kernel's page cache: it survives the process being killed, like a SQLite
 * commit with synchronous=NORMAL (neither survives the machine losing power before the disk got it).
 *
 * Each process writes its own files beside the database, `<db>.journal-<pid>.<segment>`, whose
 * first line says who wrote them (pid and the process's start time, so a reused pid is not
 * mistaken for the writer). A segment is removed once the journal moved past it and all its writes
 * reached the database, and at a clean close. A file whose writer is gone is an orphan: the next
 * gateway on the database replays it (../sqlite/replay-ledger-journals.ts) and removes it.
 */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface LedgerJournal {
  /**
   * Appends `count` writes' lines in one write(2); returns the segment they went to. Throws when
   * they could not be written (the caller must not go on as if they were durable).
   */
  append(text: string, count: number): number;
  /** One write of `segment` reached the database; a segment left behind with none pending is removed. */
  committed(segment: number): void;
  /** Closes the journal; removes the files of segments with nothing pending (all, after a full flush). */
  close(): void;
}

const HEADER_PREFIX = 'costops-ledger-journal ';
/** The journal files this process has open (a file with our pid that is not one of them is a leftover). */
const own = new Set<string>();

/**
 * Opens this process's journal for the database at `databasePath`. It is written in segments:
 * past `segmentBytes` the next append starts a new file, and a segment whose writes have all
 * reached the database is removed once the journal has moved on, so the journal stays bounded
 * under load that never pauses.
 */
export function openLedgerJournal(databasePath: string, options: { segmentBytes?: number } = {}): LedgerJournal {
  const segmentBytes = options.segmentBytes ?? 4 * 1024 * 1024;
  const header = `${HEADER_PREFIX}${JSON.stringify({ pid: process.pid, started: processStartTime(process.pid) })}\n`;
  /** Writes appended and not yet in the database, per segment. */
  const pending = new Map<number, number>();
  let segment = 0;
  let fd = -1;
  let size = 0;
  let closed = false;

  const start = (next: number) => {
    const path = journalPath(databasePath, process.pid, next);
    const opened = openSync(path, 'a');
    if (fstatSync(opened).size > 0) {
      closeSync(opened);
      throw new Error(`ledger journal ${path} already holds writes: replay it before opening a new one`);
    }
    writeSync(opened, header);
    own.add(path);
    [segment, fd, size] = [next, opened, Buffer.byteLength(header)];
    pending.set(segment, 0);
  };
  const remove = (old: number) => {
    const path = journalPath(databasePath, process.pid, old);
    unlinkSync(path);
    own.delete(path);
    pending.delete(old);
  };
  start(1);

  return {
    append(text, count) {
      if (closed) throw new Error('the ledger journal is closed');
      if (size >= segmentBytes) {
        const previous = segment;
        closeSync(fd);
        start(previous + 1);
        if (pending.get(previous) === 0) remove(previous);
      }
      writeSync(fd, text);
      size += text.length; // UTF-16 units: close enough to decide when to move on
      pending.set(segment, (pending.get(segment) ?? 0) + count);
      return segment;
    },
    committed(of) {
      if (!pending.has(of)) return;
      const left = (pending.get(of) ?? 0) - 1;
      if (left > 0 || of === segment || closed) pending.set(of, Math.max(left, 0));
      else remove(of);
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
      for (const [old, left] of [...pending]) if (left === 0) remove(old);
    },
  };
}

export function journalPath(databasePath: string, pid: number, segment: number): string {
  return `${resolve(databasePath)}.journal-${pid}.${segment}`;
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
    .filter((name) => name.startsWith(prefix) && /^\d+\.\d+$/.test(name.slice(prefix.length)))
    .map((name) => ({ file: join(folder, name), order: name.slice(prefix.length).split('.').map(Number) as [number, number] }))
    .sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1])
    .map(({ file }) => file)
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
