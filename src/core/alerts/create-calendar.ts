/**
 * Calendar windows (hour, day, ISO week from Monday, month) in an IANA time zone, from the
 * runtime's time zone database (Intl), so "today" means the configured zone's day — with its
 * 23- and 25-hour days at daylight-saving changes — and not the server's or UTC's.
 */
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

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOUR_MS = 3_600_000;

/** A calendar for `timeZone` (throws RangeError for a zone the runtime does not know). */
export function createCalendar(timeZone: string): Calendar {
  // One formatter per calendar: building one costs far more than using it.
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  });

  function wallTime(timeMs: number): WallTime {
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(timeMs)) parts[part.type] = part.value;
    return {
      year: Number(parts.year),
      month: Number(parts.month),
      day: Number(parts.day),
      hour: Number(parts.hour),
      minute: Number(parts.minute),
      second: Number(parts.second),
      weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    };
  }

  /** How far the zone's wall clock is ahead of UTC at `timeMs`. */
  function offsetAt(timeMs: number): number {
    const wall = wallTime(timeMs);
    const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
    return asUtc - (timeMs - (((timeMs % 1000) + 1000) % 1000));
  }

  /**
   * The instant the zone's clock shows midnight of (year, month, day); out-of-range days and
   * months roll over as Date.UTC rolls them. The offset is read twice because it may differ
   * between the UTC guess and the answer when a daylight-saving change falls in between.
   */
  function midnight(year: number, month: number, day: number): number {
    const guess = Date.UTC(year, month - 1, day);
    const first = guess - offsetAt(guess);
    return guess - offsetAt(first);
  }

  return {
    timeZone,
    span(timeMs, window) {
      const wall = wallTime(timeMs);
      switch (window) {
        case 'hour': {
          // Zones are offset from UTC by whole minutes, so a local hour starts at this minute of UTC too.
          const start = timeMs - (((timeMs % 1000) + 1000) % 1000) - (wall.minute * 60 + wall.second) * 1000;
          return { start, end: start + HOUR_MS };
        }
        case 'day':
          return { start: midnight(wall.year, wall.month, wall.day), end: midnight(wall.year, wall.month, wall.day + 1) };
        case 'week': {
          const monday = wall.day - wall.weekday;
          return { start: midnight(wall.year, wall.month, monday), end: midnight(wall.year, wall.month, monday + 7) };
        }
        case 'month':
          return { start: midnight(wall.year, wall.month, 1), end: midnight(wall.year, wall.month + 1, 1) };
      }
    },
  };
}
