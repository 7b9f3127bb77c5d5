// Test fixture: opens a journaled ledger store, writes `total` requests (open + finalize, the first
// `flushed` of them pushed to the database), then dies at once as a SIGKILL would leave it: no close,
// the rest only in the journal. Usage: die-with-journaled-writes.ts <db path> <total> <flushed>
import { openSqliteLedgerStore } from '../open-sqlite-ledger-store.ts';

const [path, totalText, flushedText] = process.argv.slice(2);
const store = await openSqliteLedgerStore({ path: path!, journal: true, journalDelayMs: 60_000 });
const total = Number(totalText);
const flushed = Number(flushedText);
for (let index = 0; index < total; index++) {
  const row = await store.open({ operationId: `op-${index}`, startedAt: new Date(Date.UTC(2026, 10, 25, 10, 0, index)), tenant: 'acme', tags: { n: String(index) }, reservedUsd: 5_000n });
  // the last one stays open: its request was in flight when the process died
  if (index < total - 1) await store.finalize(row.id, { status: 'ok', costUsd: 1_000n + BigInt(index), inputTokens: 10, outputTokens: 2, endedAt: new Date(Date.UTC(2026, 10, 25, 10, 0, index + 1)) });
  if (index === flushed - 1) await store.getRequest(row.id); // a read hands the writes so far to the database
}
process.kill(process.pid, 'SIGKILL');
