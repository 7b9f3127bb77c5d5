import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BudgetPeriod } from './budget-definition.ts';
import { createPeriodCalculator, LIFETIME_END_MS, periodAt } from './period-at.ts';

function span(period: BudgetPeriod, timeZone: string, instant: string): [string, string] {
  const { start, end } = periodAt(period, timeZone, new Date(instant));
  return [start.toISOString(), end.toISOString()];
}

test('UTC: hour, day, ISO week from Monday, month, lifetime', () => {
  assert.deepEqual(span('hour', 'UTC', '2026-03-04T10:37:12.345Z'), ['2026-03-04T10:00:00.000Z', '2026-03-04T11:00:00.000Z']);
  assert.deepEqual(span('day', 'UTC', '2026-03-04T23:59:59.900Z'), ['2026-03-04T00:00:00.000Z', '2026-03-05T00:00:00.000Z']);
  // 2026-03-04 is a Wednesday; Sunday the 8th is still in the week of Monday the 2nd.
  assert.deepEqual(span('week', 'UTC', '2026-03-08T23:59:59Z'), ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z']);
  assert.deepEqual(span('week', 'UTC', '2026-03-09T00:00:00Z'), ['2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z']);
  assert.deepEqual(span('month', 'UTC', '2026-12-31T23:59:59Z'), ['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
  assert.deepEqual(span('month', 'UTC', '2024-02-29T12:00:00Z'), ['2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z']);
  const lifetime = periodAt('lifetime', 'UTC', new Date('2026-03-04T00:00:00Z'));
  assert.deepEqual([lifetime.start.getTime(), lifetime.end.getTime()], [0, LIFETIME_END_MS]);
});

test('a zone east of UTC: its day and month start the evening before in UTC', () => {
  assert.deepEqual(span('day', 'Asia/Tokyo', '2026-03-04T20:00:00Z'), ['2026-03-04T15:00:00.000Z', '2026-03-05T15:00:00.000Z']);
  assert.deepEqual(span('month', 'Asia/Tokyo', '2026-02-28T16:00:00Z'), ['2026-02-28T15:00:00.000Z', '2026-03-31T15:00:00.000Z']);
  // Kolkata is UTC+5:30: its hours start at :30 UTC.
  assert.deepEqual(span('hour', 'Asia/Kolkata', '2026-03-04T10:10:00Z'), ['2026-03-04T09:30:00.000Z', '2026-03-04T10:30:00.000Z']);
});

test('daylight saving: 23- and 25-hour days, and a week and month across the change', () => {
  // New York springs forward on 2026-03-08 (02:00 → 03:00) and falls back on 2026-11-01.
  assert.deepEqual(span('day', 'America/New_York', '2026-03-08T12:00:00Z'), ['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  assert.deepEqual(span('day', 'America/New_York', '2026-11-01T12:00:00Z'), ['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
  assert.deepEqual(span('week', 'America/New_York', '2026-03-08T12:00:00Z'), ['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  assert.deepEqual(span('month', 'Europe/Paris', '2026-03-31T21:59:59Z'), ['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
  // The repeated hour after a fall-back is its own local hour, an hour later in UTC.
  assert.deepEqual(span('hour', 'America/New_York', '2026-11-01T05:30:00Z'), ['2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z']);
  assert.deepEqual(span('hour', 'America/New_York', '2026-11-01T06:30:00Z'), ['2026-11-01T06:00:00.000Z', '2026-11-01T07:00:00.000Z']);
});

test('a midnight that never happens: the day starts when the clocks jump', () => {
  // Santiago skipped 2022-09-11 00:00–01:00 (UTC−4 → UTC−3): that day began at 01:00 local, 04:00 UTC, and lasted 23 hours.
  assert.deepEqual(span('day', 'America/Santiago', '2022-09-10T12:00:00Z'), ['2022-09-10T04:00:00.000Z', '2022-09-11T04:00:00.000Z']);
  assert.deepEqual(span('day', 'America/Santiago', '2022-09-11T12:00:00Z'), ['2022-09-11T04:00:00.000Z', '2022-09-12T03:00:00.000Z']);
});

test('the calculator reuses a span within its period and moves on at the boundary', () => {
  const calculate = createPeriodCalculator('UTC');
  const first = calculate('day', new Date('2026-03-04T00:00:00Z'));
  assert.equal(calculate('day', new Date('2026-03-04T23:59:59.999Z')), first);
  assert.equal(calculate('day', new Date('2026-03-05T00:00:00Z')).start.toISOString(), '2026-03-05T00:00:00.000Z');
  assert.throws(() => calculate('day', new Date(Number.NaN)), RangeError);
});
