import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LedgerRow } from '../../core/ports/index.ts';
import { notifyFinished } from './proxy-observer.ts';

const row = { id: '01ROW' } as LedgerRow;

test('the observer hears of a settled row after the current turn, never during it', async () => {
  const heard: string[] = [];
  notifyFinished({ started: () => undefined, finished: (settled) => heard.push(settled.id) }, row);
  await Promise.resolve();
  assert.deepEqual(heard, [], 'not before the promise continuations of this turn (the response) have run');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(heard, ['01ROW']);
});

test('an observer that throws is reported, not a crash', async (t) => {
  const errors: unknown[][] = [];
  t.mock.method(console, 'error', (...args: unknown[]) => void errors.push(args));
  notifyFinished({ started: () => undefined, finished: () => { throw new Error('metrics broke'); } }, row);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]![0]), /observer/);
  assert.equal((errors[0]![1] as Error).message, 'metrics broke');
  notifyFinished(undefined, row); // no observer: nothing to do
});
