/** A config `alerts:` entry (decimal strings, seconds) as the evaluator's rule (nano-USD, milliseconds). */
import type { AlertRule } from '../../core/alerts/index.ts';
import { parseUsd } from '../../core/money/index.ts';
import type { AlertConfig } from '../config/index.ts';

export function alertRuleFromConfig(config: AlertConfig): AlertRule {
  return {
    name: config.name,
    kind: config.kind,
    ...(config.window !== undefined && { window: config.window }),
    // The schema has already checked the amount: exact, non-negative, at most 9 decimals.
    ...(config.threshold_usd !== undefined && { thresholdUsd: parseUsd(config.threshold_usd) }),
    ...(config.threshold_pct !== undefined && { thresholdPct: config.threshold_pct }),
    ...(config.min_requests !== undefined && { minRequests: config.min_requests }),
    ...(config.scope !== undefined && { scope: config.scope }),
    ...(config.cooldown_s !== undefined && { cooldownMs: config.cooldown_s * 1000 }),
  };
}
