/**
 * `unpriced_model`: a request was served by a model the catalog has no price for, so its cost is
 * unknown (recorded as null, never $0). Once per model per cooldown: the first such request is
 * news, the thousandth is not.
 */
import type { AlertGate } from './alert-gate.ts';
import { cooldownOf, type AlertRule } from './alert-rule.ts';
import { compileScope, describeScope } from './compile-scope.ts';
import { NO_ALERTS, type RuleEvaluator } from './rule-evaluator.ts';

export function unpricedModelRule(rule: AlertRule, options: { gate: AlertGate }): RuleEvaluator {
  const scope = compileScope(rule.scope);
  const cooldownMs = cooldownOf(rule);

  return {
    rule,
    observe(row, now) {
      if (!row.unpriced) return NO_ALERTS;
      const model = row.model ?? row.requestedModel;
      if (model === null) return NO_ALERTS;
      const match = scope.match(row);
      if (match === undefined) return NO_ALERTS;
      // The model is part of the cooldown key (before "@"), so each model has its own cooldown.
      const dedupeKey = `${rule.name}|${match.key}|${JSON.stringify(model)}@${now.toISOString()}`;
      if (options.gate.admit({ dedupeKey, cooldownMs, now }) !== 'fire') return NO_ALERTS;
      const provider = row.provider === null ? '' : ` (provider ${row.provider})`;
      return [
        {
          rule: rule.name,
          kind: 'unpriced_model',
          scope: match.scope,
          value: model,
          threshold: null,
          unit: 'model',
          window: null,
          time: now,
          message: `${rule.name}: model "${model}"${provider} has no price, so its requests are recorded without a cost — add it under prices: in the config (${describeScope(match.scope)})`,
          dedupeKey,
          details: { model, request_id: row.id, ...(row.provider !== null && { provider: row.provider }) },
        },
      ];
    },
  };
}
