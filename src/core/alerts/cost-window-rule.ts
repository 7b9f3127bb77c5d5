/** `cost_over_window`: a scope value's settled spend in one calendar window reaches threshold_usd. */
import { formatUsd } from '../money/index.ts';
import type { AlertEvent } from './alert-event.ts';
import type { AlertGate } from './alert-gate.ts';
import { cooldownOf, type AlertRule } from './alert-rule.ts';
import type { Calendar } from './create-calendar.ts';
import { compileScope, describeScope } from './compile-scope.ts';
import { formatDollars, thisWindow } from './format-alert-values.ts';
import { NO_ALERTS, type RuleEvaluator } from './rule-evaluator.ts';
import { createWindowAccumulator, type WindowTotals } from './window-accumulator.ts';

export function costWindowRule(rule: AlertRule, options: { calendar: Calendar; gate: AlertGate }): RuleEvaluator {
  const window = rule.window;
  const threshold = rule.thresholdUsd;
  if (window === undefined || threshold === undefined) throw new RangeError(`alert rule "${rule.name}": cost_over_window needs window and thresholdUsd`);
  const scope = compileScope(rule.scope);
  const accumulator = createWindowAccumulator(options.calendar, window);
  const cooldownMs = cooldownOf(rule);

  /** Fires when the totals are at or over the threshold and this window has not alerted yet. */
  function check(totals: WindowTotals, now: Date): AlertEvent | undefined {
    if (totals.done || totals.cost < threshold!) return undefined;
    const span = accumulator.span!;
    const start = new Date(span.start);
    const event: AlertEvent = {
      rule: rule.name,
      kind: 'cost_over_window',
      scope: totals.match.scope,
      value: formatUsd(totals.cost),
      threshold: formatUsd(threshold!),
      unit: 'usd',
      window: { name: window!, start, end: new Date(span.end) },
      time: now,
      message: `${rule.name}: spend ${thisWindow(window!)} reached ${formatDollars(totals.cost)} (threshold ${formatDollars(threshold!)}) for ${describeScope(totals.match.scope)}`,
      dedupeKey: `${rule.name}|${totals.match.key}@${start.toISOString()}`,
      details: {},
    };
    const verdict = options.gate.admit({ dedupeKey: event.dedupeKey, cooldownMs, now });
    // 'cooling' leaves the window open: a later row may alert once the cooldown is over.
    if (verdict !== 'cooling') totals.done = true;
    return verdict === 'fire' ? event : undefined;
  }

  return {
    rule,
    observe(row, now) {
      // Unpriced rows add nothing, as in the ledger's sums; the unpriced_model rule reports them.
      if (row.costUsd === null || row.costUsd === 0n) return NO_ALERTS;
      const match = scope.match(row);
      if (match === undefined || !accumulator.enter(row.startedAt.getTime())) return NO_ALERTS;
      const totals = accumulator.totals(match);
      totals.cost += row.costUsd;
      const event = check(totals, now);
      return event === undefined ? NO_ALERTS : [event];
    },
    seedQuery(now) {
      const span = options.calendar.span(now.getTime(), window);
      return { since: new Date(span.start), until: new Date(span.end), groupBy: [...scope.groupBy], where: { ...scope.where } };
    },
    seed(result, now) {
      accumulator.enter(now.getTime());
      const events: AlertEvent[] = [];
      for (const group of result.data) {
        const match = scope.fromGroup(group.group);
        if (match === undefined) continue;
        const totals = accumulator.totals(match);
        totals.cost += group.costUsd;
        const event = check(totals, now);
        if (event !== undefined) events.push(event);
      }
      return events;
    },
  };
}
