/**
 * The Slack-compatible body (incoming webhooks; Mattermost and others accept the same): `text`
 * for notifications and clients without blocks, `blocks` for the message itself. Text is
 * escaped as Slack's mrkdwn requires (&, <, >, in link URLs too), so a scope value cannot forge a link.
 */
import { describeScope, formatDollars } from '../../core/alerts/index.ts';
import { parseUsd } from '../../core/money/index.ts';
import type { OutgoingAlert } from './outgoing-alert.ts';

export interface SlackPayload {
  text: string;
  blocks: Record<string, unknown>[];
}

export function slackPayload(alert: OutgoingAlert, delivery: { link: string }): SlackPayload {
  const fields: string[] = [`*Value*\n${escape(shown(alert, alert.value))}`];
  if (alert.threshold !== null) fields.push(`*Threshold*\n${escape(shown(alert, alert.threshold))}`);
  fields.push(`*Scope*\n${escape(describeScope(alert.scope))}`);
  if (alert.window !== null) {
    const end = alert.window.end === null ? '' : ` → ${alert.window.end.toISOString()}`;
    fields.push(`*Window* (${escape(alert.window.name)})\n${alert.window.start.toISOString()}${end}`);
  }
  return {
    text: alert.message,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `costops alert: ${alert.rule}`.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: escape(alert.message) } },
      { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `<${escape(delivery.link)}|Open in the costops dashboard> · ${escape(alert.kind)} · ${alert.time.toISOString()}` }],
      },
    ],
  };
}

function shown(alert: OutgoingAlert, value: string): string {
  if (alert.unit === 'usd') return formatDollars(parseUsd(value));
  if (alert.unit === 'percent') return `${value}%`;
  return value;
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
