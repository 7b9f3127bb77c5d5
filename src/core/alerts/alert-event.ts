/** What an evaluated rule produces: one alert, ready to be recorded and delivered. */
import type { AlertKind, AlertScope } from './alert-rule.ts';

/** What `value` and `threshold` measure: decimal USD, a percentage, or a model name. */
export type AlertUnit = 'usd' | 'percent' | 'model';

/** The calendar window (or budget period) an alert is about; `end` is exclusive, null for a lifetime. */
export interface AlertSpan {
  readonly name: string;
  readonly start: Date;
  readonly end: Date | null;
}

export interface AlertEvent {
  /** The rule's name (a budget's name for budget_threshold). */
  readonly rule: string;
  readonly kind: AlertKind;
  /** The concrete scope the alert is about: a wildcard rule's "*" replaced by the value seen. */
  readonly scope: AlertScope;
  /** Money as a decimal USD string with 9 decimals, a percentage, or a model name (see `unit`). */
  readonly value: string;
  readonly threshold: string | null;
  readonly unit: AlertUnit;
  readonly window: AlertSpan | null;
  readonly time: Date;
  /** One line for people. */
  readonly message: string;
  /**
   * The same alert has the same key: `cooldownKey@<window start | request id | time>`. Stored
   * with the history, so a restart does not send again what was already sent.
   */
  readonly dedupeKey: string;
  /** Kind-specific facts (request id, model, budget, counts), all plain values. */
  readonly details: Readonly<Record<string, string | number>>;
}

/** The part of a dedupe key before the last "@": rule and scope value, what a cooldown is kept per. */
export function cooldownKeyOf(dedupeKey: string): string {
  const at = dedupeKey.lastIndexOf('@');
  return at < 0 ? dedupeKey : dedupeKey.slice(0, at);
}
