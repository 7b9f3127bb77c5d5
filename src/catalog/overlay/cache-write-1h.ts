/**
 * Anthropic prices a 1-hour cache write at 2× the base input price (5-minute writes are 1.25×).
 * genai-prices carries it for Anthropic's own API but not for Claude on Vertex AI, which bills
 * Claude at Anthropic's prices; the overlay fills it where a model has a 5-minute write price but no
 * 1-hour one. (calculateCost never guesses it: without this rule a 1-hour write is unpriced.)
 */
import type { MatchRule } from '../../core/pricing/index.ts';

export interface CacheWrite1hRule {
  readonly provider: string;
  readonly match: MatchRule;
  /** Exact multiple of the input price, tier by tier. */
  readonly factorOfInput: string;
  readonly source: string;
}

const SOURCE = 'https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#pricing (1-hour cache writes: 2x base input price)';

export const CACHE_WRITE_1H_RULES: readonly CacheWrite1hRule[] = [
  { provider: 'anthropic', match: { starts_with: 'claude' }, factorOfInput: '2', source: SOURCE },
  { provider: 'google', match: { starts_with: 'claude' }, factorOfInput: '2', source: SOURCE },
];
