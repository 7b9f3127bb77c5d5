/**
 * An alert rule as the pure evaluator sees it (SPEC §13): money already exact (nano-USD), time
 * spans in milliseconds. The gateway converts its config entries into this shape, so the core
 * never depends on the config schema.
 */
import type { Nanos } from '../money/index.ts';

export type AlertKind =
  | 'cost_over_window'
  | 'request_cost'
  | 'error_rate'
  | 'budget_threshold'
  | 'anomaly'
  | 'forecast_over_budget'
  | 'unpriced_model';

/** Calendar windows, in the configured time zone. */
export type AlertWindow = 'hour' | 'day' | 'week' | 'month';

/**
 * The traffic a rule watches, shaped like a config scope: `{ global: true }`, or any of the
 * dimensions, ANDed. A value of "*" (or a tag "name=*") means "each value separately": the rule
 * keeps one window per user, feature… and alerts for each on its own.
 */
export interface AlertScope {
  readonly global?: true;
  readonly tenant?: string;
  readonly key?: string;
  readonly user?: string;
  readonly project?: string;
  readonly feature?: string;
  /** "name=value" or "name=*". */
  readonly tag?: string;
}

export interface AlertRule {
  readonly name: string;
  readonly kind: AlertKind;
  /** cost_over_window (required) and error_rate (default hour). */
  readonly window?: AlertWindow;
  /** cost_over_window: spend in one window; request_cost: cost of one request. */
  readonly thresholdUsd?: Nanos;
  /** error_rate: percentage of failed requests. */
  readonly thresholdPct?: number;
  /** error_rate: fewer requests than this in the window never alert (one failure in two is not a trend). */
  readonly minRequests?: number;
  /** All traffic when absent. */
  readonly scope?: AlertScope;
  /** Least time between two alerts of this rule for the same scope value; see DEFAULT_COOLDOWN_MS. */
  readonly cooldownMs?: number;
}

/**
 * Rules without a window of their own (one expensive request, an unpriced model, an error burst)
 * could fire on every request; an hour between two alerts of the same rule and scope keeps a
 * channel readable. A cost window already fires once per window, so it needs no cooldown.
 */
export const DEFAULT_COOLDOWN_MS: Readonly<Record<AlertKind, number>> = {
  cost_over_window: 0,
  budget_threshold: 0,
  request_cost: 3_600_000,
  error_rate: 3_600_000,
  unpriced_model: 3_600_000,
  anomaly: 3_600_000,
  forecast_over_budget: 3_600_000,
};

export const DEFAULT_ERROR_RATE_WINDOW: AlertWindow = 'hour';
export const DEFAULT_MIN_REQUESTS = 10;

/** The rule's cooldown in milliseconds, its own or the kind's default. */
export function cooldownOf(rule: AlertRule): number {
  return rule.cooldownMs ?? DEFAULT_COOLDOWN_MS[rule.kind];
}
