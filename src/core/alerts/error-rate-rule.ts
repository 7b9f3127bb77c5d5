/**
 * `error_rate`: the share of a scope value's requests that failed in the current calendar window
 * reaches threshold_pct, once the window holds at least min_requests. Failed means the request
 * got no usable answer: `error`, or `unknown_outcome` (the process died mid-request). A client's
 * own abort or a budget block is not a failure of the service.
 */
import type { LedgerStatus } from '../ports/ledger-store.ts';
import type { AlertEvent } from './alert-event.ts';
import type { AlertGate } from './alert-gate.ts';
import { cooldownOf, DEFAULT_ERROR_RATE_WINDOW, DEFAULT_MIN_REQUESTS, type AlertRule } from './alert-rule.ts';
import type { Calendar } from './create-calendar.ts';
import { compileScope, describeScope } from './compile-scope.ts';
import { formatPercent, thisWindow } from './format-alert-values.ts';
import { NO_ALERTS, type RuleEvaluator } from './rule-evaluator.ts';
import { createWindowAccumulator, type WindowTotals } from './window-accumulator.ts';

const FAILED: ReadonlySet<string> = new Set<LedgerStatus>(['error', 'unknown_outcome']);

export function errorRateRule(rule: AlertRule, options: { calendar: Calendar; gate: AlertGate }): RuleEvaluator {
  const thresholdPct = rule.thresholdPct;
  if (thresholdPct === undefined) throw new RangeError(`alert rule "${rule.name}": error_rate needs thresholdPct`);
  const window = rule.window ?? DEFAULT_ERROR_RATE_WINDOW;
  const minRequests = rule.minRequests ?? DEFAULT_MIN_REQUESTS;
  const scope = compileScope(rule.scope);
  const accumulator = createWindowAccumulator(options.calendar, window);
  const cooldownMs = cooldownOf(rule);

  function check(totals: WindowTotals, now: Date): AlertEvent | undefined {
    if (totals.done || totals.requests < minRequests || totals.errors * 100 < thresholdPct! * totals.requests) return undefined;
    const span = accumulator.span!;
    const start = new Date(span.start);
    const percent = formatPercent((totals.errors * 100) / totals.requests);
    const event: AlertEvent = {
      rule: rule.name,
      kind: 'error_rate',
      scope: totals.match.scope,
      value: percent,
      threshold: String(thresholdPct),
      unit: 'percent',
      window: { name: window, start, end: new Date(span.end) },
      time: now,
      message: `${rule.name}: ${percent}% of ${totals.requests} requests failed ${thisWindow(window)} (threshold ${thresholdPct}%) for ${describeScope(totals.match.scope)}`,
      dedupeKey: `${rule.name}|${totals.match.key}@${start.toISOString()}`,
      details: { requests: totals.requests, errors: totals.errors },
    };
    const verdict = options.gate.admit({ dedupeKey: event.dedupeKey, cooldownMs, now });
    if (verdict !== 'cooling') totals.done = true;
    return verdict === 'fire' ? event : undefined;
  }

  return {
    rule,
    observe(row, now) {
      const match = scope.match(row);
      if (match === undefined || !accumulator.enter(row.startedAt.getTime())) return NO_ALERTS;
      const totals = accumulator.totals(match);
      totals.requests += 1;
      if (FAILED.has(row.status)) totals.errors += 1;
      const event = check(totals, now);
      return event === undefined ? NO_ALERTS : [event];
    },
    seedQuery(now) {
      const span = options.calendar.span(now.getTime(), window);
      return { since: new Date(span.start), until: new Date(span.end), groupBy: [...scope.groupBy, 'status'], where: { ...scope.where } };
    },
    seed(result, now) {
      accumulator.enter(now.getTime());
      const touched = new Set<WindowTotals>();
      for (const group of result.data) {
        const match = scope.fromGroup(group.group);
        if (match === undefined) continue;
        const totals = accumulator.totals(match);
        totals.requests += group.requests;
        if (FAILED.has(group.group.status ?? '')) totals.errors += group.requests;
        touched.add(totals);
      }
      const events: AlertEvent[] = [];
      for (const totals of touched) {
        const event = check(totals, now);
        if (event !== undefined) events.push(event);
      }
      return events;
    },
  };
}
