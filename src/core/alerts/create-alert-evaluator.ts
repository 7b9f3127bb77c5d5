/**
 * Alert rule evaluation, facts in and alerts out (SPEC §13): settled ledger rows, budget
 * threshold crossings and the time are the facts; the answer is the alerts to deliver, already
 * de-duplicated and past their cooldown. No I/O: the gateway seeds the windows from the ledger
 * at start (seedQueries → usage() → seed) and delivers what comes out.
 */
import type { LedgerRow, UsageQuery, UsageResult } from '../ports/ledger-store.ts';
import type { AlertEvent } from './alert-event.ts';
import { createAlertGate, type AlertGate } from './alert-gate.ts';
import type { AlertRule } from './alert-rule.ts';
import { budgetThresholdAlert, type BudgetThresholdEvent } from './budget-threshold-event.ts';
import { createCalendar } from './create-calendar.ts';
import { costWindowRule } from './cost-window-rule.ts';
import { errorRateRule } from './error-rate-rule.ts';
import { requestCostRule } from './request-cost-rule.ts';
import { NO_ALERTS, type RuleEvaluator } from './rule-evaluator.ts';
import { unpricedModelRule } from './unpriced-model-rule.ts';

export interface AlertEvaluatorOptions {
  readonly rules: readonly AlertRule[];
  /** IANA zone whose calendar the windows follow (config `timezone`, default UTC). */
  readonly timeZone?: string;
  readonly gate?: AlertGate;
}

export interface AlertEvaluator {
  /** The alerts a settled row triggers. O(rules) per row, no allocation when nothing fires. */
  observe(row: LedgerRow, now: Date): readonly AlertEvent[];
  /** The alert for a budget threshold crossing, or none when it already fired this period. */
  budgetThresholdCrossed(event: BudgetThresholdEvent, now: Date): readonly AlertEvent[];
  /** The usage() queries whose answers hold the current windows' totals so far, by rule name. */
  seedQueries(now: Date): { rule: string; query: UsageQuery }[];
  /** Loads one seed answer; returns alerts for thresholds crossed while no one was counting. */
  seed(rule: string, result: UsageResult, now: Date): readonly AlertEvent[];
  /** Alerts that fired before (from the history), so that they are not sent again. */
  remember(fired: Iterable<{ dedupeKey: string; time: Date }>): void;
}

/**
 * Kinds evaluated here. `budget_threshold` comes from the budget engine; `anomaly` and
 * `forecast_over_budget` need a learned baseline and a forecast, which the alerts do not compute.
 */
export const EVALUATED_KINDS = ['cost_over_window', 'request_cost', 'error_rate', 'unpriced_model'] as const;

export function createAlertEvaluator(options: AlertEvaluatorOptions): AlertEvaluator {
  const calendar = createCalendar(options.timeZone ?? 'UTC');
  const gate = options.gate ?? createAlertGate();
  const evaluators: RuleEvaluator[] = [];
  for (const rule of options.rules) {
    if (rule.kind === 'cost_over_window') evaluators.push(costWindowRule(rule, { calendar, gate }));
    else if (rule.kind === 'error_rate') evaluators.push(errorRateRule(rule, { calendar, gate }));
    else if (rule.kind === 'request_cost') evaluators.push(requestCostRule(rule, { gate }));
    else if (rule.kind === 'unpriced_model') evaluators.push(unpricedModelRule(rule, { gate }));
  }
  const byName = new Map(evaluators.map((evaluator) => [evaluator.rule.name, evaluator]));

  return {
    observe(row, now) {
      let events: AlertEvent[] | undefined;
      for (const evaluator of evaluators) {
        const fired = evaluator.observe(row, now);
        if (fired.length > 0) (events ??= []).push(...fired);
      }
      return events ?? NO_ALERTS;
    },
    budgetThresholdCrossed(event, now) {
      const alert = budgetThresholdAlert(event, now);
      return gate.admit({ dedupeKey: alert.dedupeKey, cooldownMs: 0, now }) === 'fire' ? [alert] : NO_ALERTS;
    },
    seedQueries(now) {
      const queries: { rule: string; query: UsageQuery }[] = [];
      for (const evaluator of evaluators) {
        const query = evaluator.seedQuery?.(now);
        if (query !== undefined) queries.push({ rule: evaluator.rule.name, query });
      }
      return queries;
    },
    seed(rule, result, now) {
      return byName.get(rule)?.seed?.(result, now) ?? NO_ALERTS;
    },
    remember(fired) {
      gate.remember(fired);
    },
  };
}
