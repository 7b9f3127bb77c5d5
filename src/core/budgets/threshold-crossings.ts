/**
 * Soft thresholds (SPEC §8 `alert_at`): a fraction of the limit is crossed when spend moves from
 * below it to at or above it. Spend in a period only grows, and each move is one atomic update of
 * the counter, so every fraction is crossed exactly once per period and scope value.
 */
import { mulDivRound, type Nanos } from '../money/index.ts';

/** The fractions of `limit` that spend passed on its way from `before` to `after`, ascending. */
export function thresholdCrossings(alertAt: readonly number[], limit: Nanos, before: Nanos, after: Nanos): number[] {
  if (after <= before) return [];
  return [...new Set(alertAt)]
    .sort((a, b) => a - b)
    .filter((fraction) => {
      const threshold = thresholdAmount(limit, fraction);
      return before < threshold && threshold <= after;
    });
}

/** `fraction` × `limit` in nano-USD; fractions are config decimals, exact enough to the nano. */
export function thresholdAmount(limit: Nanos, fraction: number): Nanos {
  return mulDivRound(limit, BigInt(Math.round(fraction * 1e9)), 1_000_000_000n);
}
