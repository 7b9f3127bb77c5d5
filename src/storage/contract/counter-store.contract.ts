/**
 * The behaviour every CounterStore adapter must show (SPEC §9, §17). An adapter's test calls
 * `runCounterStoreContract('memory', async () => createMemoryCounterStore())`; each case gets a
 * fresh, empty store and closes it. Time is whatever `now` a case passes, so an adapter that
 * decides by a shared clock (Redis TIME) must let its test use the caller's `now` instead.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gcra, type GcraDecision, type GcraState } from '../../core/limits/index.ts';
import type { CounterStore } from '../../core/ports/index.ts';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const MINUTE = 60_000;
const rpm = (limit: number, now = T0, cost = 1) => ({ now, limit, periodMs: MINUTE, cost });

/** Registers the contract cases for one adapter. */
export function runCounterStoreContract(name: string, makeStore: () => Promise<CounterStore>): void {
  const withStore = (run: (store: CounterStore) => Promise<void>) => async () => {
    const store = await makeStore();
    try {
      await run(store);
    } finally {
      await store.close();
    }
  };

  describe(`CounterStore contract: ${name}`, () => {
    test('100 concurrent requests against rpm 10 at one instant: exactly 10 admitted', withStore(async (store) => {
      const decisions = await Promise.all(Array.from({ length: 100 }, () => store.consume('rl:key=a:rpm', rpm(10))));
      assert.equal(decisions.filter((decision) => decision.allowed).length, 10);
      for (const decision of decisions.filter((decision) => !decision.allowed)) {
        assert.ok(!decision.allowed && decision.reason === 'limit_reached');
        assert.equal(decision.retryAfterMs, 6000);
        assert.equal(decision.remaining, 0);
      }
    }));

    test('decisions are exactly those of gcra over the same sequence', withStore(async (store) => {
      let state: GcraState | undefined;
      const steps: Array<[offsetMs: number, cost: number]> = [[0, 300], [0, 500], [0, 300], [10, 1], [250, 200], [250, 1000], [59_000, 999], [60_000, 0]];
      for (const [offset, cost] of steps) {
        const params = { now: T0 + offset, limit: 1000, periodMs: MINUTE, cost };
        const expected: GcraDecision = gcra(state, params);
        if (expected.allowed) state = expected.state;
        const actual = await store.consume('rl:user=ann:tpm', params);
        assert.equal(actual.allowed, expected.allowed, `at +${offset} ms, cost ${cost}`);
        assert.equal(actual.remaining, expected.remaining, `remaining at +${offset} ms`);
        assert.equal(actual.retryAfterMs, expected.retryAfterMs, `retryAfter at +${offset} ms`);
        assert.equal(actual.resetMs, expected.resetMs, `reset at +${offset} ms`);
      }
    }));

    test('a refused request takes nothing: after exactly retryAfterMs the next is admitted, not before', withStore(async (store) => {
      for (let index = 0; index < 7; index++) await store.consume('k', rpm(7));
      const refused = await store.consume('k', rpm(7));
      assert.ok(!refused.allowed && refused.retryAfterMs !== null);
      assert.equal((await store.consume('k', rpm(7, T0 + refused.retryAfterMs - 1))).allowed, false);
      assert.equal((await store.consume('k', rpm(7, T0 + refused.retryAfterMs))).allowed, true);
    }));

    test('keys are independent counters', withStore(async (store) => {
      for (let index = 0; index < 3; index++) assert.equal((await store.consume('rl:key=a:rpm', rpm(3))).allowed, true);
      assert.equal((await store.consume('rl:key=a:rpm', rpm(3))).allowed, false);
      assert.equal((await store.consume('rl:key=b:rpm', rpm(3))).allowed, true);
    }));

    test('a cost above the limit is never admissible and takes nothing', withStore(async (store) => {
      const decision = await store.consume('t', rpm(1000, T0, 1001));
      assert.ok(!decision.allowed && decision.reason === 'exceeds_limit');
      assert.equal(decision.retryAfterMs, null);
      assert.equal((await store.consume('t', rpm(1000, T0, 1000))).allowed, true);
    }));

    test('adjust: a refund frees capacity at once, a charge makes later requests wait', withStore(async (store) => {
      const window = { now: T0, limit: 1000, periodMs: MINUTE };
      await store.consume('t', { ...window, cost: 900 });
      assert.equal((await store.consume('t', { ...window, cost: 200 })).allowed, false);
      await store.adjust('t', window, -400);
      assert.equal((await store.consume('t', { ...window, cost: 500 })).allowed, true);
      assert.equal((await store.consume('t', { ...window, cost: 1 })).allowed, false);

      await store.adjust('fresh', window, -50);
      assert.equal((await store.consume('fresh', { ...window, cost: 0 })).remaining, 1000, 'a refund to an empty counter frees nothing extra');
      await store.adjust('charged', window, 1500);
      const refused = await store.consume('charged', { ...window, cost: 1 });
      assert.ok(!refused.allowed && refused.reason === 'limit_reached');
      assert.equal(refused.retryAfterMs, 30_060);
    }));

    test('concurrent adjusts and consumes lose no update', withStore(async (store) => {
      const window = { now: T0, limit: 100_000, periodMs: MINUTE };
      await Promise.all(Array.from({ length: 50 }, () => store.consume('t', { ...window, cost: 1000 })));
      await Promise.all(Array.from({ length: 50 }, () => store.adjust('t', window, -600)));
      assert.equal((await store.consume('t', { ...window, cost: 0 })).remaining, 100_000 - 50 * 400);
    }));

    test('an idle counter is full again after one period', withStore(async (store) => {
      for (let index = 0; index < 10; index++) await store.consume('k', rpm(10));
      assert.equal((await store.consume('k', rpm(10, T0 + MINUTE, 0))).remaining, 10);
    }));

    test('slots: concurrent acquires never exceed the limit; releases return them', withStore(async (store) => {
      const decisions = await Promise.all(Array.from({ length: 30 }, () => store.acquire('c', 20)));
      assert.equal(decisions.filter((decision) => decision.acquired).length, 20);
      assert.deepEqual(decisions.at(-1), { acquired: false, inFlight: 20 });
      await Promise.all(Array.from({ length: 5 }, () => store.release('c')));
      assert.deepEqual(await store.acquire('c', 20), { acquired: true, inFlight: 16 });
      assert.deepEqual(await store.acquire('other', 1), { acquired: true, inFlight: 1 });
    }));

    test('slots never go below 0: extra releases do not create capacity', withStore(async (store) => {
      await store.acquire('c', 2);
      await store.release('c');
      await store.release('c');
      await store.release('never-acquired');
      assert.deepEqual(await store.acquire('c', 2), { acquired: true, inFlight: 1 });
      assert.deepEqual(await store.acquire('c', 2), { acquired: true, inFlight: 2 });
      assert.deepEqual(await store.acquire('c', 2), { acquired: false, inFlight: 2 });
    }));
  });
}
