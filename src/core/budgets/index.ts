/**
 * Budgets (SPEC §8) as pure decisions: which budgets apply to a request, in which period, what its
 * worst case costs, what to do when it does not fit, which thresholds a settlement crosses.
 * Counters and reservations live behind the BudgetStore port.
 */
export { BUDGET_PERIODS, isHardBudget, type BudgetAction, type BudgetDefinition, type BudgetPeriod, type BudgetScope } from './budget-definition.ts';
export type { BudgetFacts } from './budget-facts.ts';
export { matchScope, isPerValueScope, type ScopeFilter, type ScopeMatch } from './match-scope.ts';
export { applicableBudgets, type ApplicableBudget } from './applicable-budgets.ts';
export { periodAt, createPeriodCalculator, LIFETIME_START_MS, LIFETIME_END_MS, type PeriodSpan } from './period-at.ts';
export { createZonedCalendar, type WallTime, type ZonedCalendar } from './zoned-calendar.ts';
export { outputCap, worstCaseCost, type OutputCapInput, type WorstCase } from './worst-case-cost.ts';
export { decideRefusal, type RefusalDecision } from './decide-refusal.ts';
export { thresholdCrossings, thresholdAmount } from './threshold-crossings.ts';
export { remainingOf, tightestRemaining, type CounterBalance } from './remaining.ts';
export { describeRefusal, type RefusalFacts } from './describe-refusal.ts';
