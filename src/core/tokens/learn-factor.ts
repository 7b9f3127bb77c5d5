/**
 * Learns a ratio-estimate factor from ledger rows of non-OpenAI requests: what we estimated (the
 * o200k_base count, `TokenCount.estimate.baseTokens`) against what the provider reported. The
 * ratio of sums weights long prompts by their size, which is what matters for money.
 */
import type { TokenFactor } from './token-factors.ts';

export interface FactorSample {
  /** Our o200k_base count before any factor. A count already scaled by a factor yields a correction to multiply into it. */
  readonly estimated: number;
  /** The provider's reported input tokens for the same text. */
  readonly reported: number;
}

export interface LearnedFactor extends TokenFactor {
  readonly sampleCount: number;
  /** Mean of |factor × estimated − reported| / reported, in percent. */
  readonly meanAbsErrorPct: number;
  /** Standard error of the factor itself, in percent of it: how far the factor may still move. */
  readonly factorStdErrorPct: number;
}

/** Σreported ÷ Σestimated over valid samples, with its per-request error (90th percentile) as `expectedErrorPct`. */
export function learnFactor(samples: readonly FactorSample[], options: { basis?: string } = {}): LearnedFactor {
  const valid = samples.filter(
    ({ estimated, reported }) => Number.isFinite(estimated) && Number.isFinite(reported) && estimated > 0 && reported > 0,
  );
  if (valid.length === 0) throw new RangeError('learnFactor needs at least one sample with positive estimated and reported counts');
  let sumEstimated = 0;
  let sumReported = 0;
  for (const sample of valid) {
    sumEstimated += sample.estimated;
    sumReported += sample.reported;
  }
  const factor = sumReported / sumEstimated;
  const errors = valid.map(({ estimated, reported }) => Math.abs(factor * estimated - reported) / reported).sort((a, b) => a - b);
  const meanAbsError = errors.reduce((sum, error) => sum + error, 0) / errors.length;
  const p90 = errors[Math.min(errors.length - 1, Math.ceil(0.9 * errors.length) - 1)]!;
  return {
    factor: round(factor, 4),
    expectedErrorPct: round(p90 * 100, 1),
    basis: options.basis ?? `learned from ${valid.length} ledger samples (ratio of sums; ±${round(p90 * 100, 1)}% for 90% of requests)`,
    sampleCount: valid.length,
    meanAbsErrorPct: round(meanAbsError * 100, 1),
    factorStdErrorPct: round((ratioStandardError(valid, factor, sumEstimated) / factor) * 100, 2),
  };
}

// Standard error of a ratio estimator: sqrt(Σ(reported − R·estimated)² / (n(n−1))) / mean(estimated).
function ratioStandardError(samples: readonly FactorSample[], factor: number, sumEstimated: number): number {
  const n = samples.length;
  if (n < 2) return Number.POSITIVE_INFINITY;
  let squares = 0;
  for (const { estimated, reported } of samples) squares += (reported - factor * estimated) ** 2;
  return Math.sqrt(squares / (n * (n - 1))) / (sumEstimated / n);
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
