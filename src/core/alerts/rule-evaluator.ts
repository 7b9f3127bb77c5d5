/** The shape every kind's evaluator has, so the evaluator can hold them in one list. */
import type { LedgerRow, UsageQuery, UsageResult } from '../ports/ledger-store.ts';
import type { AlertEvent } from './alert-event.ts';
import type { AlertRule } from './alert-rule.ts';

export interface RuleEvaluator {
  readonly rule: AlertRule;
  /** The alerts one settled row triggers (almost always none). */
  observe(row: LedgerRow, now: Date): readonly AlertEvent[];
  /** Window rules: the usage() query that holds the current window's totals so far. */
  seedQuery?(now: Date): UsageQuery;
  /** Window rules: loads that query's answer; returns alerts for thresholds already crossed. */
  seed?(result: UsageResult, now: Date): readonly AlertEvent[];
}

/** Shared empty answer: most rows trigger nothing, and allocating nothing keeps observe() cheap. */
export const NO_ALERTS: readonly AlertEvent[] = Object.freeze([]);
