import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCounterStoreContract } from '../contract/counter-store.contract.ts';
import { createMemoryCounterStore } from './create-memory-counter-store.ts';

runCounterStoreContract('memory', async () => createMemoryCounterStore());

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const MINUTE = 60_000;

test('memory does not grow with distinct keys: drained counters are swept', async () => {
  const store = createMemoryCounterStore({ sweepIntervalMs: MINUTE });
  for (let index = 0; index < 10_000; index++) {
    await store.consume(`rl:user=u${index}:rpm`, { now: T0 + index, limit: 600, periodMs: MINUTE, cost: 1 });
  }
  assert.equal(store.size, 10_000);
  // each counter drains 100 ms after its request; the next sweep is due one minute after the first
  await store.consume('rl:user=last:rpm', { now: T0 + MINUTE, limit: 600, periodMs: MINUTE, cost: 1 });
  assert.equal(store.size, 1);
});

test('a counter still holding cost survives the sweep', async () => {
  const store = createMemoryCounterStore({ sweepIntervalMs: 1000 });
  const window = { now: T0, limit: 10, periodMs: MINUTE };
  for (let index = 0; index < 10; index++) await store.consume('busy', { ...window, cost: 1 });
  await store.consume('other', { ...window, now: T0 + 30_000, cost: 1 });
  assert.equal(store.size, 2);
  assert.equal((await store.consume('busy', { ...window, now: T0 + 30_000, cost: 0 })).remaining, 5);
});

test('refunds to zero and released slots leave nothing behind', async () => {
  const store = createMemoryCounterStore();
  const window = { now: T0, limit: 1000, periodMs: MINUTE };
  await store.consume('t', { ...window, cost: 300 });
  await store.adjust('t', window, -300);
  await store.acquire('c', 3);
  await store.acquire('c', 3);
  await store.release('c');
  await store.release('c');
  await store.release('c');
  assert.equal(store.size, 0);
});

test('refused requests do not create entries', async () => {
  const store = createMemoryCounterStore();
  await store.consume('big', { now: T0, limit: 10, periodMs: MINUTE, cost: 11 });
  await store.acquire('zero', 0);
  assert.equal(store.size, 0);
});
