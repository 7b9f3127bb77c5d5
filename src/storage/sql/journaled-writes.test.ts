import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupCommit } from '../group-commit.ts';
import type { LedgerJournal } from '../journal/ledger-journal.ts';
import { LedgerStoreError } from '../ledger-store-error.ts';
import { createJournaledWrites } from './journaled-writes.ts';
import { finalizeWrite, openWrite } from './ledger-write-inputs.ts';
import type { LedgerWrite, LedgerWriteResult } from './ledger-writes.ts';
import type { LedgerRow } from '../../core/ports/index.ts';

/** A journal that records what it was given, and a committer whose answers the test scripts. */
function harness(answer: (write: LedgerWrite, attempt: number) => Error | undefined) {
  const appended: string[] = [];
  const committed: number[] = [];
  const journal: LedgerJournal = { append: (text) => (appended.push(text), 1), committed: (segment) => void committed.push(segment), close: () => undefined };
  const attempts = new Map<LedgerWrite, number>();
  const seen: string[] = [];
  const committer: GroupCommit<LedgerWrite, LedgerWriteResult> = {
    enqueue: async (write) => {
      const attempt = (attempts.get(write) ?? 0) + 1;
      attempts.set(write, attempt);
      seen.push(`${write.kind}#${attempt}`);
      const error = answer(write, attempt);
      if (error) throw error;
      return 1;
    },
    drain: async () => undefined,
  };
  const errors: [string, boolean][] = [];
  const inFlight = new Map<string, LedgerRow>();
  const writes = createJournaledWrites({ journal, committer, inFlight, delayMs: 5, onError: (error, retried) => errors.push([(error as Error).message, retried]) });
  return { writes, appended, committed, seen, errors, inFlight };
}

const T0 = new Date('2026-11-25T10:00:00Z');

test('a turn\'s writes go to the journal in one append; the settled row comes from memory; a second finalize is a conflict at once', async () => {
  const { writes, appended, committed, inFlight } = harness(() => undefined);
  const open = openWrite({ operationId: 'a', startedAt: T0 }, () => 'row-1');
  const [row, settled] = await Promise.all([writes.open(open), writes.finalize(finalizeWrite('row-1', { status: 'ok', costUsd: 5n }))]);
  assert.equal(appended.length, 1, 'one write(2) for the turn');
  assert.equal(appended[0]!.split('\n').length, 3);
  assert.deepEqual([row.status, settled?.status, settled?.costUsd], ['started', 'ok', 5n]);
  await assert.rejects(writes.finalize(finalizeWrite('row-1', { status: 'error' }))!, (error: LedgerStoreError) => error.reason === 'conflict');
  assert.equal(writes.finalize(finalizeWrite('someone-else', { status: 'ok' })), undefined, 'not ours: the database decides');
  await writes.flush();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual([committed.length, inFlight.size, writes.pending], [2, 0, false]);
});

test('a failing database keeps the writes and retries them in order; a write no database takes is dropped', async () => {
  const { writes, committed, seen, errors } = harness((write, attempt) => {
    if (write.kind === 'open' && write.row.id === 'bad') return new LedgerStoreError('conflict', 'duplicate id');
    return attempt === 1 ? new Error('disk I/O error') : undefined;
  });
  await writes.open(openWrite({ operationId: 'a', startedAt: T0 }, () => 'row-1'));
  await writes.open(openWrite({ operationId: 'b', startedAt: T0 }, () => 'bad'));
  await writes.flush();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(errors, [['disk I/O error', true], ['duplicate id', false]]);
  assert.equal(committed.length, 1, 'only the dropped write is done with');
  assert.equal(writes.pending, true);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  assert.deepEqual(seen, ['open#1', 'open#1', 'open#2']);
  assert.deepEqual([committed.length, writes.pending], [2, false]);
});
