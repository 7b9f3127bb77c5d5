/**
 * Budget periods (SPEC §8): calendar hour, day, ISO week (from Monday) and month in the configured
 * time zone, or the budget's whole lifetime. A request belongs to the period of the instant it was
 * admitted, whenever it settles.
 */
import type { BudgetPeriod } from './budget-definition.ts';
import { createZonedCalendar } from './zoned-calendar.ts';

/** A period: `start` inclusive, `end` exclusive. */
export interface PeriodSpan {
  readonly start: Date;
  readonly end: Date;
}

/** A lifetime budget's span: from the epoch to the last instant a Date can hold. */
export const LIFETIME_START_MS = 0;
export const LIFETIME_END_MS = 8.64e15;

const HOUR_MS = 3_600_000;

/** The period of kind `period` in `timeZone` that holds `instant`. */
export function periodAt(period: BudgetPeriod, timeZone: string, instant: Date): PeriodSpan {
  return createPeriodCalculator(timeZone)(period, instant);
}

/**
 * A reusable `periodAt` for one time zone: it keeps its Intl formatter and the last span of each
 * kind, so the request path pays for the time zone arithmetic about once per period.
 */
export function createPeriodCalculator(timeZone: string): (period: BudgetPeriod, instant: Date) => PeriodSpan {
  const calendar = createZonedCalendar(timeZone);
  const last = new Map<BudgetPeriod, PeriodSpan>();

  function compute(period: BudgetPeriod, timeMs: number): PeriodSpan {
    if (period === 'lifetime') return { start: new Date(LIFETIME_START_MS), end: new Date(LIFETIME_END_MS) };
    const wall = calendar.wallTime(timeMs);
    if (period === 'hour') {
      // Zones are offset from UTC by whole minutes, so the local hour began this many seconds ago.
      const start = timeMs - (((timeMs % 1000) + 1000) % 1000) - (wall.minute * 60 + wall.second) * 1000;
      return { start: new Date(start), end: new Date(start + HOUR_MS) };
    }
    const firstDay = period === 'day' ? wall.day : period === 'week' ? wall.day - wall.weekday : 1;
    const start = calendar.instantOf(wall.year, wall.month, firstDay);
    const end =
      period === 'day'
        ? calendar.instantOf(wall.year, wall.month, firstDay + 1)
        : period === 'week'
          ? calendar.instantOf(wall.year, wall.month, firstDay + 7)
          : calendar.instantOf(wall.year, wall.month + 1, 1);
    return { start: new Date(start), end: new Date(end) };
  }

  return (period, instant) => {
    const timeMs = instant.getTime();
    if (Number.isNaN(timeMs)) throw new RangeError('periodAt: invalid instant');
    const cached = last.get(period);
    if (cached && cached.start.getTime() <= timeMs && timeMs < cached.end.getTime()) return cached;
    const span = compute(period, timeMs);
    last.set(period, span);
    return span;
  };
}
