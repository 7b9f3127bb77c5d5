/** `request_cost`: a single settled request cost threshold_usd or more. */
import { formatUsd } from '../money/index.ts';
import type { AlertEvent } from './alert-event.ts';
import type { AlertGate } from './alert-gate.ts';
import { cooldownOf, type AlertRule } from './alert-rule.ts';
import { compileScope, describeScope } from './compile-scope.ts';
import { formatDollars } from './format-alert-values.ts';
import { NO_ALERTS, type RuleEvaluator } from './rule-evaluator.ts';

export function requestCostRule(rule: AlertRule, options: { gate: AlertGate }): RuleEvaluator {
  const threshold = rule.thresholdUsd;
  if (threshold === undefined) throw new RangeError(`alert rule "${rule.name}": request_cost needs thresholdUsd`);
  const scope = compileScope(rule.scope);
  const cooldownMs = cooldownOf(rule);

  return {
    rule,
    observe(row, now) {
      if (row.costUsd === null || row.costUsd < threshold) return NO_ALERTS;
      const match = scope.match(row);
      if (match === undefined) return NO_ALERTS;
      const dedupeKey = `${rule.name}|${match.key}@${row.id}`;
      if (options.gate.admit({ dedupeKey, cooldownMs, now }) !== 'fire') return NO_ALERTS;
      const model = row.model ?? row.requestedModel ?? 'unknown model';
      const event: AlertEvent = {
        rule: rule.name,
        kind: 'request_cost',
        scope: match.scope,
        value: formatUsd(row.costUsd),
        threshold: formatUsd(threshold),
        unit: 'usd',
        window: null,
        time: now,
        message: `${rule.name}: one request cost ${formatDollars(row.costUsd)} (threshold ${formatDollars(threshold)}) — ${model}, request ${row.id}, for ${describeScope(match.scope)}`,
        dedupeKey,
        details: { request_id: row.id, model, ...(row.provider !== null && { provider: row.provider }) },
      };
      return [event];
    },
  };
}
