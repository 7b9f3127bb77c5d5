import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCalendar } from './create-calendar.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (text: string) => Date.parse(text);

function spanOf(timeZone: string, time: string, window: 'hour' | 'day' | 'week' | 'month'): [string, string] {
  const span = createCalendar(timeZone).span(at(time), window);
  return [iso(span.start), iso(span.end)];
}

test('UTC: hour, day, ISO week from Monday, month', () => {
  assert.deepEqual(spanOf('UTC', '2026-03-04T10:37:12.345Z', 'hour'), ['2026-03-04T10:00:00.000Z', '2026-03-04T11:00:00.000Z']);
  assert.deepEqual(spanOf('UTC', '2026-03-04T10:37:12.345Z', 'day'), ['2026-03-04T00:00:00.000Z', '2026-03-05T00:00:00.000Z']);
  // 2026-03-04 is a Wednesday; 2026-03-08 a Sunday, still in the week of Monday the 2nd.
  assert.deepEqual(spanOf('UTC', '2026-03-04T10:37:12Z', 'week'), ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z']);
  assert.deepEqual(spanOf('UTC', '2026-03-08T23:59:59Z', 'week'), ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z']);
  assert.deepEqual(spanOf('UTC', '2026-03-09T00:00:00Z', 'week'), ['2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z']);
  assert.deepEqual(spanOf('UTC', '2026-12-31T23:59:59Z', 'month'), ['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
  assert.deepEqual(spanOf('UTC', '2026-03-01T00:00:00Z', 'day'), ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z']);
});

test('a zone east of UTC: the local day starts the evening before in UTC', () => {
  assert.deepEqual(spanOf('Asia/Tokyo', '2026-03-04T20:00:00Z', 'day'), ['2026-03-04T15:00:00.000Z', '2026-03-05T15:00:00.000Z']);
  assert.deepEqual(spanOf('Asia/Tokyo', '2026-02-28T16:00:00Z', 'month'), ['2026-02-28T15:00:00.000Z', '2026-03-31T15:00:00.000Z']);
});

test('half-hour offsets: the local hour starts at :30 UTC', () => {
  assert.deepEqual(spanOf('Asia/Kolkata', '2026-03-04T10:10:00Z', 'hour'), ['2026-03-04T09:30:00.000Z', '2026-03-04T10:30:00.000Z']);
  assert.deepEqual(spanOf('Asia/Kolkata', '2026-03-04T10:10:00Z', 'day'), ['2026-03-03T18:30:00.000Z', '2026-03-04T18:30:00.000Z']);
});

test('daylight saving: the spring-forward day has 23 hours, the fall-back day 25', () => {
  const spring = createCalendar('Europe/Paris').span(at('2026-03-29T12:00:00Z'), 'day');
  assert.deepEqual([iso(spring.start), iso(spring.end)], ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
  assert.equal(spring.end - spring.start, 23 * 3_600_000);
  const fall = createCalendar('America/New_York').span(at('2026-11-01T12:00:00Z'), 'day');
  assert.deepEqual([iso(fall.start), iso(fall.end)], ['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
  assert.equal(fall.end - fall.start, 25 * 3_600_000);
  // The week holding the change starts on Monday at local midnight before it (UTC+1), ends after it (UTC+2).
  assert.deepEqual(spanOf('Europe/Paris', '2026-03-29T12:00:00Z', 'week'), ['2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
});

test('every instant lies in its window, and consecutive windows tile time', () => {
  const calendar = createCalendar('America/Los_Angeles');
  for (const window of ['hour', 'day', 'week', 'month'] as const) {
    let time = at('2026-01-01T00:00:00Z');
    let previousEnd: number | undefined;
    for (let index = 0; index < 60; index++) {
      const span = calendar.span(time, window);
      assert.ok(span.start <= time && time < span.end, `${window} ${iso(time)}`);
      if (previousEnd !== undefined) assert.equal(span.start, previousEnd, `${window} tiles at ${iso(time)}`);
      previousEnd = span.end;
      time = span.end;
    }
  }
});
