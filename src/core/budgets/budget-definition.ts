/**
 * A budget as the pure domain sees it (SPEC §8): a limit in nano-USD over a calendar period for a
 * scope, what to do when a request would not fit, and when to alert. The config's and the admin
 * API's shape (decimal strings, snake_case) is converted into this at the edge.
 */
import type { Nanos } from '../money/index.ts';

export const BUDGET_PERIODS = ['hour', 'day', 'week', 'month', 'lifetime'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** `block` and `downgrade` are hard: they refuse or re-route a request the budget cannot cover. */
export type BudgetAction = 'block' | 'downgrade' | 'alert-only';

/**
 * Which traffic a budget covers: `{global: true}`, or any of the dimensions ANDed. A value of "*"
 * means "each value separately" (one budget per user); a tag is "name=value" or "name=*".
 */
export interface BudgetScope {
  readonly global?: true;
  readonly tenant?: string;
  readonly key?: string;
  readonly user?: string;
  readonly project?: string;
  readonly feature?: string;
  readonly tag?: string;
}

export interface BudgetDefinition {
  readonly name: string;
  readonly scope: BudgetScope;
  readonly period: BudgetPeriod;
  readonly limitUsd: Nanos;
  /** Fractions of the limit (0 < f ≤ 1) whose crossing is reported once per period and scope value. */
  readonly alertAt: readonly number[];
  readonly action: BudgetAction;
  /** The cheaper model a `downgrade` budget re-routes to. */
  readonly downgradeTo?: string;
  /** The HTTP status a block answers with. */
  readonly blockStatus: 429 | 402;
}

/** True for the actions that stop or re-route a request (SPEC §8 "hard action"). */
export function isHardBudget(definition: Pick<BudgetDefinition, 'action'>): boolean {
  return definition.action !== 'alert-only';
}
