/**
 * The generic webhook body (SPEC §13): one flat JSON object, money as exact decimal strings, times
 * as ISO-8601 UTC. `id` is the alert's history id: a receiver that sees it twice (a retry whose
 * first answer was lost) can drop the copy.
 */
import type { AlertScope, AlertUnit } from '../../core/alerts/index.ts';
import type { OutgoingAlert } from './outgoing-alert.ts';

export interface WebhookPayload {
  id: string;
  rule: string;
  kind: string;
  scope: AlertScope;
  value: string;
  threshold: string | null;
  unit: AlertUnit;
  window: { name: string; start: string; end: string | null } | null;
  time: string;
  message: string;
  link: string;
  details: Readonly<Record<string, string | number>>;
}

export function webhookPayload(alert: OutgoingAlert, delivery: { id: string; link: string }): WebhookPayload {
  return {
    id: delivery.id,
    rule: alert.rule,
    kind: alert.kind,
    scope: alert.scope,
    value: alert.value,
    threshold: alert.threshold,
    unit: alert.unit,
    window: alert.window === null ? null : { name: alert.window.name, start: alert.window.start.toISOString(), end: alert.window.end?.toISOString() ?? null },
    time: alert.time.toISOString(),
    message: alert.message,
    link: delivery.link,
    details: alert.details,
  };
}
