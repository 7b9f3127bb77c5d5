/**
 * Times users write for `since`/`until`: an ISO date (UTC midnight), an ISO date-time (UTC when it
 * has no offset, so the answer never depends on the server's time zone), or a time ago (`24h`).
 */
import { QueryParamError } from './query-param-error.ts';

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RELATIVE = /^(\d{1,6})([mhdw])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const HELP = 'write an ISO date (2026-01-31), a date-time (2026-01-31T12:00:00Z, UTC unless it has an offset) or a time ago like 30m, 24h, 7d, 2w';

/** Parses `text` as a point in time; relative forms count back from `now`. `param` names it in errors. */
export function parseTime(text: string, options: { now: Date; param: string }): Date {
  const trimmed = text.trim();
  const relative = RELATIVE.exec(trimmed);
  if (relative) return new Date(options.now.getTime() - Number(relative[1]) * UNIT_MS[relative[2]!]!);
  if (trimmed.toLowerCase() === 'now') return new Date(options.now.getTime());
  const date = DATE.exec(trimmed);
  if (date) return checked(trimmed, `${trimmed}T00:00:00Z`, date, options.param);
  const dateTime = DATE_TIME.exec(trimmed);
  if (dateTime) {
    const zone = dateTime[8] === undefined ? 'Z' : '';
    return checked(trimmed, `${trimmed.replace(' ', 'T')}${zone}`, dateTime, options.param);
  }
  throw new QueryParamError(options.param, `${HELP}; got "${text}"`);
}

/** Date.parse rolls 2026-02-30 over to March; refuse dates and times that do not exist instead. */
function checked(text: string, iso: string, parts: RegExpExecArray, param: string): Date {
  const [year, month, day, hour = '0', minute = '0', second = '0'] = parts.slice(1).map((part) => part ?? '0');
  const time = Date.parse(iso);
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const valid =
    !Number.isNaN(time) &&
    calendar.getUTCFullYear() === Number(year) &&
    calendar.getUTCMonth() === Number(month) - 1 &&
    calendar.getUTCDate() === Number(day) &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 60;
  if (!valid) throw new QueryParamError(param, `"${text}" is not a real date or time; ${HELP}`);
  return new Date(time);
}
