/** Where one delivery goes: a configured channel is one or two targets (webhook and/or Slack). */
import type { Channel } from '../config/index.ts';

export interface AlertTarget {
  readonly kind: 'webhook' | 'slack';
  readonly url: string;
}

/** The targets of a channel; none for no channel (the alert is then only shown in the dashboard). */
export function channelTargets(channel: Channel | undefined): AlertTarget[] {
  const targets: AlertTarget[] = [];
  if (channel?.webhook !== undefined) targets.push({ kind: 'webhook', url: channel.webhook });
  if (channel?.slack !== undefined) targets.push({ kind: 'slack', url: channel.slack });
  return targets;
}

/** What the history shows of a target: its origin. Webhook paths are often the secret (Slack's are). */
export function targetOrigin(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : 'invalid URL';
}
