/**
 * Wall-clock time in an IANA time zone, from the runtime's time zone database (Intl): what the
 * zone's clock shows at an instant, and the instant it first shows a given local time. Daylight
 * saving is handled both ways: a local time that happens twice maps to the first, and one that
 * never happens (clocks jumped over it) maps to the moment of the jump.
 */

export interface WallTime {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Monday … 6 = Sunday (ISO order). */
  readonly weekday: number;
}

export interface ZonedCalendar {
  readonly timeZone: string;
  wallTime(timeMs: number): WallTime;
  /** The first instant the zone's clock shows (year, month, day, hour); out-of-range fields roll over like Date.UTC. */
  instantOf(year: number, month: number, day: number, hour?: number): number;
}

const DAY_MS = 86_400_000;

/** A calendar for `timeZone`; throws RangeError for a zone the runtime does not know. */
export function createZonedCalendar(timeZone: string): ZonedCalendar {
  // Building a formatter costs far more than using one, so each calendar keeps its own.
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

  function wallTime(timeMs: number): WallTime {
    const fields: Record<string, number> = {};
    for (const part of format.formatToParts(timeMs)) if (part.type !== 'literal') fields[part.type] = Number(part.value);
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
    return { year, month, day, hour, minute, second, weekday: (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7 };
  }

  /** The zone's clock as epoch milliseconds read as if it were UTC, to whole seconds. */
  function localMs(timeMs: number): number {
    const wall = wallTime(timeMs);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  }

  function instantOf(year: number, month: number, day: number, hour = 0): number {
    const local = Date.UTC(year, month - 1, day, hour);
    // Offsets a day either side bracket any single change near `local`; the direct guess covers the rest.
    const guesses = [local - DAY_MS, local + DAY_MS, local].map((probe) => local - (localMs(probe) - Math.floor(probe / 1000) * 1000));
    const exact = guesses.filter((candidate) => localMs(candidate) === local);
    if (exact.length > 0) return Math.min(...exact);
    // In a gap: search for the jump, the first second whose clock reads past `local`.
    let low = Math.min(...guesses);
    let high = Math.max(...guesses);
    while (high - low > 1000) {
      const middle = Math.floor((low + high) / 2000) * 1000;
      if (localMs(middle) >= local) high = middle;
      else low = middle;
    }
    return high;
  }

  return { timeZone, wallTime, instantOf };
}
