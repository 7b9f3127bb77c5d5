/**
 * Budgets in the gateway (SPEC §8): the engine the proxy reserves through, the admin API, and the
 * conversions between the config shape and the domain. The decisions themselves are in core/budgets.
 */
export { createBudgetEngine, type BudgetEngine, type BudgetEngineOptions, type BudgetHold, type ReserveOutcome } from './create-budget-engine.ts';
export type { BudgetTicket } from './budget-ticket.ts';
export type { BudgetThresholdEvent, BudgetThresholdHook } from './budget-threshold-event.ts';
export { budgetFromConfig, budgetRecordInput, counterBasis, parseBudgetEntry } from './budget-from-config.ts';
export { budgetRoutes, type BudgetRoutesDeps } from './budget-routes.ts';
export { listBudgetViews, budgetView, type BudgetView, type BudgetEntry, type ListBudgetsOptions } from './list-budget-entries.ts';
export { budgetEntryToJson, budgetViewsToJson, budgetToJson, type BudgetEntryJson } from './budget-to-json.ts';
