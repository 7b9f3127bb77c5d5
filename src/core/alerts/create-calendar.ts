/**
 * Calendar windows (hour, day, ISO week from Monday, month) in an IANA time zone. They are the
 * budgets' periods — one time-zone implementation for the whole house, with its 23- and 25-hour
 * days at daylight-saving changes and its midnights that do not exist — seen as epoch milliseconds.
 */
import { createPeriodCalculator } from '../budgets/index.ts';
import type { AlertWindow } from './alert-rule.ts';

/** A window as epoch milliseconds: `start` inclusive, `end` exclusive. */
export interface CalendarSpan {
  readonly start: number;
  readonly end: number;
}

export interface Calendar {
  readonly timeZone: string;
  /** The window of kind `window` that holds `timeMs`. */
  span(timeMs: number, window: AlertWindow): CalendarSpan;
}

/** A calendar for `timeZone` (throws RangeError for a zone the runtime does not know). */
export function createCalendar(timeZone: string): Calendar {
  const periodOf = createPeriodCalculator(timeZone);
  return {
    timeZone,
    span(timeMs, window) {
      const period = periodOf(window, new Date(timeMs));
      return { start: period.start.getTime(), end: period.end.getTime() };
    },
  };
}
