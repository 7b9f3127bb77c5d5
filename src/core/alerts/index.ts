/**
 * Alert rule evaluation (SPEC §13): pure functions over settled rows and budget events.
 * Files here import `ports/ledger-store.ts` rather than `ports/index.ts`: the alert history port
 * imports the alert types, and going through the index would close an import cycle.
 */
export {
  type AlertKind,
  type AlertWindow,
  type AlertScope,
  type AlertRule,
  DEFAULT_COOLDOWN_MS,
  DEFAULT_ERROR_RATE_WINDOW,
  DEFAULT_MIN_REQUESTS,
  cooldownOf,
} from './alert-rule.ts';
export { type AlertEvent, type AlertSpan, type AlertUnit, cooldownKeyOf } from './alert-event.ts';
export { createAlertEvaluator, EVALUATED_KINDS, type AlertEvaluator, type AlertEvaluatorOptions } from './create-alert-evaluator.ts';
export { createAlertGate, type AlertGate, type AlertGateOptions, type GateVerdict } from './alert-gate.ts';
export { budgetThresholdAlert, type BudgetThresholdEvent } from './budget-threshold-event.ts';
export { createCalendar, type Calendar, type CalendarSpan } from './create-calendar.ts';
export { compileScope, describeScope, scopeKey, type CompiledScope, type ScopeMatch } from './compile-scope.ts';
export { formatDollars, formatPercent } from './format-alert-values.ts';
