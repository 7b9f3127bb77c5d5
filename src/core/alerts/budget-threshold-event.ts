/**
 * `budget_threshold`: what the budget engine reports when a budget's spend crosses one of its
 * `alert_at` fractions (SPEC §8, §13). Each threshold alerts once per budget period and scope
 * value, however often the engine reports it (a restart, two instances, a retried settlement).
 */
import { formatUsd, mulDivRound, type Nanos } from '../money/index.ts';
import type { AlertEvent } from './alert-event.ts';
import type { AlertScope } from './alert-rule.ts';
import { describeScope, scopeKey } from './compile-scope.ts';
import { formatDollars, formatPercent, thisWindow } from './format-alert-values.ts';

export interface BudgetThresholdEvent {
  /** The budget's name. */
  readonly budget: string;
  /** The concrete scope: for a `user: "*"` budget, the user whose spend crossed. */
  readonly scope: AlertScope;
  /** The `alert_at` fraction crossed, e.g. 0.8. */
  readonly fraction: number;
  /** Spend in the period once the threshold was crossed. */
  readonly spentUsd: Nanos;
  readonly limitUsd: Nanos;
  readonly period: {
    readonly name: 'hour' | 'day' | 'week' | 'month' | 'lifetime';
    /** Null for a lifetime budget. */
    readonly start: Date | null;
    readonly end: Date | null;
  };
}

/** The alert for a crossed budget threshold (not yet gated). */
export function budgetThresholdAlert(event: BudgetThresholdEvent, now: Date): AlertEvent {
  // alert_at fractions are config floats (0.8); to the nano they are exact enough, and the amount stays bigint.
  const thresholdUsd = mulDivRound(event.limitUsd, BigInt(Math.round(event.fraction * 1e9)), 1_000_000_000n);
  const percent = formatPercent(event.fraction * 100);
  const periodStart = event.period.start?.toISOString() ?? 'lifetime';
  return {
    rule: event.budget,
    kind: 'budget_threshold',
    scope: event.scope,
    value: formatUsd(event.spentUsd),
    threshold: formatUsd(thresholdUsd),
    unit: 'usd',
    window: event.period.start === null ? null : { name: event.period.name, start: event.period.start, end: event.period.end },
    time: now,
    message: `budget ${event.budget}: ${percent}% reached — ${formatDollars(event.spentUsd)} of ${formatDollars(event.limitUsd)} spent ${thisWindow(event.period.name)} for ${describeScope(event.scope)}`,
    dedupeKey: `budget:${event.budget}|${scopeKey(event.scope)}|${event.fraction}@${periodStart}`,
    details: {
      budget: event.budget,
      fraction: event.fraction,
      percent: Number(percent),
      limit_usd: formatUsd(event.limitUsd),
      spent_usd: formatUsd(event.spentUsd),
      period: event.period.name,
    },
  };
}
