/**
 * Alerts in the gateway (SPEC §13): the engine that watches settled rows and budget events, the
 * background delivery to webhooks and Slack with retries, and the admin routes over the history.
 */
export { createAlertEngine, type AlertEngine, type AlertEngineDeps, type AlertTestInput } from './alert-engine.ts';
export { createAlertDelivery, type AlertDelivery, type AlertDeliveryDeps, type AlertDeliveryOptions, type AlertDispatch, type Scheduler } from './alert-delivery.ts';
export { alertRoutes, type AlertRoutesDeps } from './alert-routes.ts';
export { alertRecordToJson, type AlertRecordJson } from './alert-record-to-json.ts';
export { alertRuleFromConfig } from './alert-rule-from-config.ts';
export { channelTargets, targetOrigin, type AlertTarget } from './alert-target.ts';
export { dashboardLink } from './dashboard-link.ts';
export { unevaluatedAlertRules } from './unevaluated-rules.ts';
export { slackPayload, type SlackPayload } from './slack-payload.ts';
export { webhookPayload, type WebhookPayload } from './webhook-payload.ts';
export type { OutgoingAlert } from './outgoing-alert.ts';
export type { BudgetThresholdEvent } from '../../core/alerts/index.ts';
