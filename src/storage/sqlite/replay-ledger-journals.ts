/**
 * Start-up replay of the journals that dead gateways left beside the database (SPEC §7: a completed
 * response may rest "in a local journal that start-up replays"). Their writes go to the database in
 * order, skipping what already reached it before the writer died: an open whose row exists, a
 * finalize whose row is no longer `started`. Each file is removed once applied. Rows a journal
 * opened and never settled stay `started`, for the store's recovery to settle as unknown_outcome.
 */
import type Database from 'better-sqlite3';
import { orphanJournals, readJournalLines, removeJournal } from '../journal/ledger-journal.ts';
import { decodeJournalWrite } from '../sql/ledger-journal-codec.ts';
import type { LedgerFinalizeWrite, LedgerOpenWrite } from '../sql/ledger-writes.ts';
import type { SqliteLedgerWriter } from './sqlite-ledger-writer.ts';

const CHUNK = 1_000;

/** Replays every orphaned journal of `path`; returns how many files and writes were applied. */
export function replayLedgerJournals(path: string, database: Database.Database, writer: SqliteLedgerWriter): { files: number; writes: number } {
  let files = 0;
  let writes = 0;
  for (const file of orphanJournals(path)) {
    const decoded = readJournalLines(file)
      .map(decodeJournalWrite)
      .filter((write): write is LedgerOpenWrite | LedgerFinalizeWrite => write !== undefined);
    const pending = notYetApplied(database, decoded);
    for (let start = 0; start < pending.length; start += CHUNK) writer.apply(pending.slice(start, start + CHUNK), { inFlight: new Map() });
    removeJournal(file);
    files++;
    writes += pending.length;
  }
  return { files, writes };
}

function notYetApplied(database: Database.Database, writes: readonly (LedgerOpenWrite | LedgerFinalizeWrite)[]): (LedgerOpenWrite | LedgerFinalizeWrite)[] {
  const ids = [...new Set(writes.map((write) => (write.kind === 'open' ? write.row.id : write.id)))];
  const statusOf = new Map<string, string>();
  const select = database.prepare('select id, status from ledger_requests where id in (select value from json_each(?))');
  for (let start = 0; start < ids.length; start += CHUNK) {
    for (const row of select.all(JSON.stringify(ids.slice(start, start + CHUNK))) as { id: string; status: string }[]) statusOf.set(row.id, row.status);
  }
  const opened = new Set<string>();
  return writes.filter((write) => {
    if (write.kind === 'open') {
      if (statusOf.has(write.row.id)) return false;
      opened.add(write.row.id);
      return true;
    }
    return opened.has(write.id) || statusOf.get(write.id) === 'started';
  });
}
