import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openSqliteLedgerStore } from './open-sqlite-ledger-store.ts';
import { decodeJournalWrite, encodeJournalWrite } from '../sql/ledger-journal-codec.ts';
import { finalizeWrite, openWrite } from '../sql/ledger-write-inputs.ts';
import { journalPath, orphanJournals } from '../journal/ledger-journal.ts';

/** Loads TypeScript in a child process as `npm start` does (bin/typescript-hooks.mjs). */
const TYPESCRIPT = new URL('../../../bin/register-typescript.mjs', import.meta.url).href;

const root = mkdtempSync(join(tmpdir(), 'costops-journal-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = () => join(root, `run-${++counter}`, 'ledger.db');
const fixture = fileURLToPath(new URL('./__fixtures__/die-with-journaled-writes.ts', import.meta.url));

async function dieWithWrites(path: string, total: number, flushed: number): Promise<void> {
  const failed = await promisify(execFile)(process.execPath, ['--import', TYPESCRIPT, fixture, path, String(total), String(flushed)]).then(
    () => undefined,
    (error: { signal?: string }) => error,
  );
  assert.equal(failed?.signal, 'SIGKILL', 'the writer died as killed');
}

test('codec: a write survives the journal line exactly (money past 2^53, dates, tags, nulls)', () => {
  const open = openWrite(
    { operationId: 'op', startedAt: new Date('2026-11-25T10:00:00.123Z'), tenant: 'acme', tags: { team: 'a b', 'x.y': '"q"' }, reservedUsd: 2n ** 60n, stream: true },
    () => '01JN8K7F50V5ZCR31AHD6KB0T9',
  );
  const decodedOpen = decodeJournalWrite(encodeJournalWrite(open));
  assert.deepEqual(decodedOpen, open);
  const finalize = finalizeWrite(open.row.id, { status: 'ok', costUsd: 2n ** 62n + 7n, unpriced: false, endedAt: new Date('2026-11-25T10:00:01Z'), inputTokens: 5, errorCode: null, tags: { team: 'b' } });
  assert.deepEqual(decodeJournalWrite(encodeJournalWrite(finalize)), finalize);
  // a finalize line is the JSON of {f, c, p}, its shape's column list written from a cache after the first
  const plain = `${JSON.stringify({ f: finalize.id, c: finalize.columns, p: finalize.parameters.slice(0, finalize.columns.length).map((value) => (typeof value === 'bigint' ? value.toString() : value)) })}\n`;
  assert.equal(encodeJournalWrite(finalize), plain);
  const other = finalizeWrite('01JN8K7F50V5ZCR31AHD6KB0TA', { status: 'error', errorCode: 'http_500', endedAt: new Date('2026-11-25T10:00:02Z') });
  assert.deepEqual(decodeJournalWrite(encodeJournalWrite(other)), other);
  assert.deepEqual(decodeJournalWrite(encodeJournalWrite(finalize)), finalize);
  assert.equal(decodeJournalWrite('{"o":[1,2'), undefined, 'a line cut short by a crash is skipped');
});

test('a killed writer\'s journal is replayed by the next journaled store: every write once, the open row left started for recovery', async () => {
  const path = freshPath();
  await dieWithWrites(path, 40, 15); // 15 reached the database before the kill, 25 only the journal
  assert.equal(orphanJournals(path).length, 1);
  const store = await openSqliteLedgerStore({ path, journal: true });
  try {
    assert.deepEqual(orphanJournals(path), [], 'the orphan was replayed and removed');
    const usage = await store.usage({ groupBy: ['status'] });
    assert.deepEqual(usage.data.map((group) => [group.group['status'], group.requests, group.costUsd]), [['ok', 39, 39n * 1_000n + (38n * 39n) / 2n]]);
    const open = await store.listRequests({ status: 'started', limit: 10 });
    assert.deepEqual(open.rows.map((row) => [row.operationId, row.reservedUsd]), [['op-39', 5_000n]]);
    assert.equal(await store.recoverStarted(new Date('2026-11-25T11:00:00Z')), 1);
    const all = await store.listRequests({ limit: 100 });
    assert.equal(all.rows.length, 40);
    assert.deepEqual(all.rows.find((row) => row.operationId === 'op-7')?.tags, { n: '7' });
  } finally {
    await store.close();
  }
  assert.deepEqual(readdirSync(join(path, '..')).filter((name) => name.includes('.journal-')), [], 'a clean close removes its own journal');
});

test('a journal whose writer is alive is left alone; a store without the journal option replays nothing', async () => {
  const path = freshPath();
  await dieWithWrites(path, 3, 0);
  const reader = await openSqliteLedgerStore({ path });
  assert.equal((await reader.listRequests({ limit: 10 })).rows.length, 0, 'a reader (CLI) does not replay');
  await reader.close();
  const live = journalPath(path, process.ppid, 1);
  writeFileSync(live, `costops-ledger-journal ${JSON.stringify({ pid: process.ppid, started: null })}\n`);
  assert.deepEqual(orphanJournals(path).map((file) => file.endsWith(`.journal-${process.ppid}.1`)), [false], 'only the dead writer\'s file is an orphan');
  const store = await openSqliteLedgerStore({ path, journal: true });
  assert.equal((await store.listRequests({ limit: 10 })).rows.length, 3);
  await store.close();
  assert.ok(existsSync(live), 'the live writer\'s journal is untouched');
});

test('journaled writes reach the database in batches: another connection sees them after the delay', async () => {
  const path = freshPath();
  const batches: number[] = [];
  const store = await openSqliteLedgerStore({ path, journal: true, journalDelayMs: 30, onBatch: ({ size }) => batches.push(size) });
  const rows = await Promise.all(Array.from({ length: 20 }, (_, index) => store.open({ operationId: `op-${index}`, startedAt: new Date() })));
  const settled = await Promise.all(rows.map((row) => store.finalize(row.id, { status: 'ok', costUsd: 10n })));
  assert.deepEqual(settled.map((row) => row.status), Array(20).fill('ok'));
  await assert.rejects(store.finalize(rows[0]!.id, { status: 'error' }), (error: { reason?: string }) => error.reason === 'conflict');
  assert.deepEqual(batches, [], 'nothing written yet');
  const other = await openSqliteLedgerStore({ path });
  assert.equal((await other.listRequests({ limit: 50 })).rows.length, 0);
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.deepEqual(batches, [40], 'opens and finalizes in one transaction');
  const seen = await other.usage({});
  assert.deepEqual([seen.total.requests, seen.total.costUsd], [20, 200n]);
  await other.close();
  await store.close();
});

test('under writes that never pause the journal stays bounded: segments behind the database are removed', async () => {
  const path = freshPath();
  const store = await openSqliteLedgerStore({ path, journal: true, journalDelayMs: 5, journalSegmentBytes: 4_096 });
  const journals = () => readdirSync(join(path, '..')).filter((name) => name.includes('.journal-'));
  let most = 0;
  for (let round = 0; round < 60; round++) {
    const rows = await Promise.all(Array.from({ length: 10 }, (_, index) => store.open({ operationId: `op-${round}-${index}`, startedAt: new Date(), tenant: 'acme' })));
    await Promise.all(rows.map((row) => store.finalize(row.id, { status: 'ok', costUsd: 1n })));
    most = Math.max(most, journals().length);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  assert.ok(most >= 2, `the journal moved on to new segments (${most})`);
  assert.ok(journals().length <= 3, `old segments were removed (${journals().join(', ')})`);
  assert.equal((await store.usage({})).total.requests, 600);
  await store.close();
  assert.deepEqual(journals(), []);
});
