import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcra, type GcraDecision, type GcraParams } from './gcra.ts';
import { adjustGcra } from './adjust-gcra.ts';
import type { GcraState } from './gcra-state.ts';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const MINUTE = 60_000;

/** Runs requests through one counter, threading the state like a store would. */
function counter(limit: number, periodMs = MINUTE) {
  let state: GcraState | undefined;
  return {
    take(now: number, cost = 1): GcraDecision {
      const decision = gcra(state, { now, limit, periodMs, cost });
      state = decision.state;
      return decision;
    },
    adjust(now: number, delta: number) {
      state = adjustGcra(state, { now, limit, periodMs }, delta);
    },
    get state() {
      return state;
    },
  };
}

test('a burst at one instant: limit N admits exactly N; the N+1st waits one emission interval', () => {
  for (const limit of [1, 7, 10, 600, 200_000]) {
    const rpm = counter(limit);
    const decisions = Array.from({ length: limit + 5 }, () => rpm.take(T0));
    assert.equal(decisions.filter((decision) => decision.allowed).length, limit, `limit ${limit}`);
    const refused = decisions[limit]!;
    assert.equal(refused.allowed, false);
    assert.ok(!refused.allowed && refused.reason === 'limit_reached');
    assert.equal(refused.retryAfterMs, Math.ceil(MINUTE / limit), `limit ${limit}`);
    assert.equal(refused.remaining, 0);
  }
});

test('remaining counts down through a burst and the last admitted request leaves 0', () => {
  const rpm = counter(10);
  const remaining = Array.from({ length: 10 }, () => rpm.take(T0).remaining);
  assert.deepEqual(remaining, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
});

test('retry after exactly retryAfterMs is admitted; one millisecond earlier is not', () => {
  for (const limit of [7, 10, 3000]) {
    const rpm = counter(limit);
    for (let index = 0; index < limit; index++) rpm.take(T0);
    const refused = rpm.take(T0);
    assert.ok(!refused.allowed && refused.retryAfterMs !== null);
    const early = rpm.take(T0 + refused.retryAfterMs - 1);
    assert.equal(early.allowed, false, `limit ${limit}: admitted 1 ms early`);
    assert.equal(early.retryAfterMs, 1);
    assert.equal(rpm.take(T0 + refused.retryAfterMs).allowed, true, `limit ${limit}`);
    assert.equal(rpm.take(T0 + refused.retryAfterMs).allowed, false, 'only one slot came back');
  }
});

test('a steady rate at the limit is always admitted; twice the limit gets burst + one per interval', () => {
  const atLimit = counter(60);
  for (let second = 0; second < 600; second++) assert.equal(atLimit.take(T0 + second * 1000).allowed, true);

  const twice = counter(60);
  let admitted = 0;
  // every 500 ms for two minutes (t = 0 … 120 000 inclusive): 60 from the burst, then one per 1000 ms
  for (let now = T0; now <= T0 + 2 * MINUTE; now += 500) if (twice.take(now).allowed) admitted++;
  assert.equal(admitted, 60 + 2 * MINUTE / 1000);
});

test('never more than limit + elapsed / interval over any stretch, with irregular arrivals', () => {
  const limit = 13;
  const rpm = counter(limit);
  let admitted = 0;
  let seed = 42;
  let now = T0;
  for (let index = 0; index < 5000; index++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    now += seed % 3000;
    if (rpm.take(now).allowed) admitted++;
    assert.ok(admitted * MINUTE <= limit * MINUTE + (now - T0) * limit, `over-admitted at ${now - T0} ms`);
  }
});

test('resetMs is the time until the counter is empty again', () => {
  const rpm = counter(10);
  assert.equal(rpm.take(T0).resetMs, 6000);
  assert.equal(rpm.take(T0).resetMs, 12_000);
  assert.equal(rpm.take(T0 + 2000).resetMs, 16_000);
  for (let index = 0; index < 7; index++) rpm.take(T0 + 2000);
  assert.equal(rpm.take(T0 + 2000).resetMs, 58_000, 'refused: reset of what is held');
  assert.equal(rpm.take(T0 + 60_000, 0).resetMs, 0, 'a peek after it drained');
  assert.equal(rpm.take(T0 + 60_000, 0).remaining, 10);
});

test('an idle counter is full again after one period, however long it idled', () => {
  const rpm = counter(10);
  for (let index = 0; index < 10; index++) rpm.take(T0);
  assert.equal(rpm.take(T0 + MINUTE - 1, 0).remaining, 9, 'one millisecond short of the tenth slot');
  const later = counter(10);
  for (let index = 0; index < 10; index++) later.take(T0);
  assert.equal(later.take(T0 + MINUTE, 0).remaining, 10);
  assert.equal(later.take(T0 + 10 * 365 * 24 * 3600_000, 0).remaining, 10);
});

test('tokens: a request costs its tokens; 0.3 ms per token at 200 000 tpm is counted exactly', () => {
  const tpm = counter(200_000);
  assert.equal(tpm.take(T0, 150_000).remaining, 50_000);
  assert.equal(tpm.take(T0, 50_000).remaining, 0);
  const refused = tpm.take(T0, 1);
  assert.ok(!refused.allowed && refused.reason === 'limit_reached');
  assert.equal(refused.retryAfterMs, 1, '0.3 ms rounds up to 1 ms');
  assert.equal(tpm.take(T0 + 3, 10).allowed, true, '3 ms frees 10 tokens');
  assert.equal(tpm.take(T0 + 3, 1).allowed, false);
  assert.equal(tpm.take(T0 + 30, 90).remaining, 0, '27 ms more frees 90');
});

test('many small costs fill a large limit exactly, with no drift', () => {
  const tpm = counter(7_777_777);
  let admitted = 0;
  while (tpm.take(T0, 7).allowed) admitted++;
  assert.equal(admitted, Math.floor(7_777_777 / 7));
});

test('a cost above the whole limit is refused as never admissible, and takes nothing', () => {
  const tpm = counter(1000);
  const decision = tpm.take(T0, 1001);
  assert.equal(decision.allowed, false);
  assert.ok(!decision.allowed && decision.reason === 'exceeds_limit');
  assert.equal(decision.retryAfterMs, null);
  assert.equal(decision.remaining, 1000);
  assert.equal(tpm.take(T0, 1000).allowed, true, 'a cost equal to the limit fits an empty counter');
});

test('a refund frees capacity at once; a charge beyond the limit makes later requests wait', () => {
  const tpm = counter(1000);
  tpm.take(T0, 800);
  assert.equal(tpm.take(T0, 300).allowed, false);
  tpm.adjust(T0, -500); // the request used 300, not 800
  assert.equal(tpm.take(T0, 300).allowed, true);
  assert.equal(tpm.take(T0, 300).allowed, true);
  assert.equal(tpm.take(T0, 101).allowed, false);

  const under = counter(1000);
  under.take(T0, 100);
  under.adjust(T0, 1900); // it really used 2000: one minute's worth beyond the limit
  const refused = under.take(T0, 1);
  assert.ok(!refused.allowed && refused.reason === 'limit_reached');
  assert.equal(refused.retryAfterMs, 60_060, '1001 tokens over at 60 ms per token');
  assert.equal(refused.remaining, 0);
});

test('a refund never takes a counter below empty', () => {
  const tpm = counter(1000);
  tpm.take(T0, 100);
  tpm.adjust(T0, -5000);
  assert.deepEqual(tpm.state, { at: T0, debt: 0 });
  assert.equal(tpm.take(T0, 0).remaining, 1000);
  const fresh = adjustGcra(undefined, { now: T0, limit: 10, periodMs: MINUTE }, -3);
  assert.equal(fresh.debt, 0);
});

test('a clock a little behind counts as no time passing: capacity is never counted twice', () => {
  const rpm = counter(10);
  for (let index = 0; index < 10; index++) rpm.take(T0 + 5000);
  // a request that read the clock earlier reaches the store later
  const behind = rpm.take(T0 + 4000);
  assert.ok(!behind.allowed && behind.retryAfterMs !== null);
  assert.equal(behind.retryAfterMs, 1000 + 6000, 'waits for the store time, then one interval');
  assert.equal(rpm.take(T0 + 10_999).allowed, false);
  assert.equal(rpm.take(T0 + 11_000).allowed, true);
});

test('a clock reset far back neither frees nor blocks capacity', () => {
  const rpm = counter(10);
  for (let index = 0; index < 10; index++) rpm.take(T0);
  const stepBack = T0 - 3600_000;
  const refused = rpm.take(stepBack);
  assert.ok(!refused.allowed && refused.reason === 'limit_reached');
  assert.equal(refused.retryAfterMs, 6000, 'no extra wait for the hour the clock went back');
  assert.equal(rpm.take(stepBack + 5999).allowed, false);
  assert.equal(rpm.take(stepBack + 6000).allowed, true);
  for (const decision of [refused]) {
    assert.ok(decision.remaining >= 0 && decision.resetMs >= 0);
  }
});

test('invalid numbers are programming errors, not silent decisions', () => {
  const params: GcraParams = { now: T0, limit: 10, periodMs: MINUTE, cost: 1 };
  assert.throws(() => gcra(undefined, { ...params, cost: 1.5 }), RangeError);
  assert.throws(() => gcra(undefined, { ...params, cost: -1 }), RangeError);
  assert.throws(() => gcra(undefined, { ...params, limit: 0 }), RangeError);
  assert.throws(() => gcra(undefined, { ...params, now: Number.NaN }), RangeError);
  assert.throws(() => gcra(undefined, { ...params, limit: 1e12 }), /too large to count exactly/);
  assert.throws(() => adjustGcra(undefined, params, 0.5), RangeError);
});
