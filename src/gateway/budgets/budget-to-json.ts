/**
 * Budgets in their public JSON form (SPEC §8): snake_case, money as exact decimal USD strings,
 * times ISO-8601 UTC (null for a lifetime budget's period). The admin API and `costops budgets
 * list --json` print the same shapes.
 */
import { remainingOf } from '../../core/budgets/index.ts';
import { formatUsd } from '../../core/money/index.ts';
import { redactUrl, type Channel } from '../config/index.ts';
import type { BudgetEntry, BudgetView } from './list-budget-entries.ts';

export interface BudgetEntryJson {
  name: string;
  scope: Record<string, unknown>;
  scope_value: string | null;
  period: string;
  limit_usd: string;
  spent_usd: string;
  reserved_usd: string;
  remaining_usd: string;
  period_start: string | null;
  period_end: string | null;
  action: string;
  alert_at: number[];
  downgrade_to: string | null;
  block_status: number;
  source: string;
}

/** One list entry: a budget and one of its scope values. */
export function budgetEntryToJson(view: BudgetView, entry: BudgetEntry): BudgetEntryJson {
  const { config, definition, span } = view;
  const lifetime = definition.period === 'lifetime';
  return {
    name: config.name,
    scope: config.scope,
    scope_value: entry.scopeValue,
    period: config.period,
    limit_usd: formatUsd(definition.limitUsd),
    spent_usd: formatUsd(entry.spent),
    reserved_usd: formatUsd(entry.reserved),
    remaining_usd: formatUsd(remainingOf({ limit: definition.limitUsd, spent: entry.spent, reserved: entry.reserved })),
    period_start: lifetime ? null : span.start.toISOString(),
    period_end: lifetime ? null : span.end.toISOString(),
    action: config.action,
    alert_at: config.alert_at,
    downgrade_to: config.downgrade_to ?? null,
    block_status: config.block_status,
    source: view.record.source,
  };
}

/** Every entry of every view, in order. */
export function budgetViewsToJson(views: readonly BudgetView[]): BudgetEntryJson[] {
  return views.flatMap((view) => view.entries.map((entry) => budgetEntryToJson(view, entry)));
}

/**
 * One budget (`GET /api/budgets/{name}`): the object POST takes (its config entry), where it came
 * from, and its live entries.
 */
export function budgetToJson(view: BudgetView) {
  const { channel } = view.config;
  return {
    ...view.config,
    ...(channel && { channel: redactChannel(channel) }),
    source: view.record.source,
    effective_from: view.record.effectiveFrom.toISOString(),
    entries: view.entries.map((entry) => budgetEntryToJson(view, entry)),
  };
}

/** A Slack webhook URL is itself a credential (SPEC §1.4): shown only up to its host and first path segment. */
function redactChannel(channel: Channel): Channel {
  return {
    ...(channel.webhook !== undefined && { webhook: redactUrl(channel.webhook) }),
    ...(channel.slack !== undefined && { slack: redactUrl(channel.slack, { keepPathSegments: 1 }) }),
  };
}
