/**
 * The running totals of one calendar window, per scope value, in memory: a row adds to them in
 * O(1), and the window's SQL sum is read only once, at start (seed). Rows count toward the window
 * they started in, as the ledger's usage() counts them, so the two agree. A row from a window
 * already rolled past (a long stream that started before midnight) is not counted: that window's
 * alerting is over.
 */
import type { Nanos } from '../money/index.ts';
import type { AlertWindow } from './alert-rule.ts';
import type { Calendar, CalendarSpan } from './create-calendar.ts';
import type { ScopeMatch } from './compile-scope.ts';

export interface WindowTotals {
  readonly match: ScopeMatch;
  cost: Nanos;
  requests: number;
  errors: number;
  /** Set once the window's alert fired or proved a duplicate: nothing more to check this window. */
  done: boolean;
}

export interface WindowAccumulator {
  /** The current window; undefined before the first row or seed. */
  readonly span: CalendarSpan | undefined;
  /** Moves to the window holding `timeMs` when it is newer; false when `timeMs` is in a past window. */
  enter(timeMs: number): boolean;
  /** The totals of a scope value in the current window, created empty. */
  totals(match: ScopeMatch): WindowTotals;
}

export function createWindowAccumulator(calendar: Calendar, window: AlertWindow): WindowAccumulator {
  let span: CalendarSpan | undefined;
  let byScope = new Map<string, WindowTotals>();
  return {
    get span() {
      return span;
    },
    enter(timeMs) {
      if (span !== undefined && timeMs >= span.start && timeMs < span.end) return true;
      if (span !== undefined && timeMs < span.start) return false;
      span = calendar.span(timeMs, window);
      // A new window starts from nothing; dropping the old map frees every scope value at once.
      byScope = new Map();
      return true;
    },
    totals(match) {
      let totals = byScope.get(match.key);
      if (totals === undefined) {
        totals = { match, cost: 0n, requests: 0, errors: 0, done: false };
        byScope.set(match.key, totals);
      }
      return totals;
    },
  };
}
