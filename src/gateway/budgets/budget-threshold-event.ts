/** What the budget engine reports when a settlement carries spend across one of a budget's `alert_at` fractions. */
import type { BudgetPeriod, BudgetScope } from '../../core/budgets/index.ts';
import type { Nanos } from '../../core/money/index.ts';

export interface BudgetThresholdEvent {
  readonly budget: string;
  /** The concrete scope: for a `user: "*"` budget, the user whose spend crossed. */
  readonly scope: BudgetScope;
  /** The counter's scope value, e.g. "user=alice". */
  readonly scopeValue: string;
  readonly fraction: number;
  /** Spend in the period right after the crossing settlement. */
  readonly spentUsd: Nanos;
  readonly limitUsd: Nanos;
  readonly period: BudgetPeriod;
  /** Null for a lifetime budget. */
  readonly periodStart: Date | null;
  readonly periodEnd: Date | null;
}

export type BudgetThresholdHook = (event: BudgetThresholdEvent) => void;
