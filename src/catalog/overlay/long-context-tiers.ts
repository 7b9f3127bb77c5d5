/**
 * Long-context prices the dataset lacks. Anthropic bills Claude Sonnet 4 prompts over 200k tokens
 * (possible only with the 1M-context beta) at 2x input and 1.5x output, and the prompt-caching
 * multipliers apply on top — genai-prices has this tier for Sonnet 4.5 but not for Sonnet 4.
 * A rule adds the tier only to flat (untiered) rates; the base price stays the dataset's.
 */
/** The token classes a long-context tier re-prices. */
export type TieredClass = 'input' | 'cacheRead' | 'cacheWrite5m' | 'cacheWrite1h' | 'output';

export interface LongContextTierRule {
  readonly provider: string;
  /** Canonical model id. */
  readonly model: string;
  /** The tier applies to prompts larger than this. */
  readonly startTokens: number;
  /** Exact multiple of each class's base price inside the tier. */
  readonly factors: Partial<Record<TieredClass, string>>;
  readonly source: string;
}

export const LONG_CONTEXT_TIERS: readonly LongContextTierRule[] = [
  {
    provider: 'anthropic',
    model: 'claude-sonnet-4-0',
    startTokens: 200_000,
    factors: { input: '2', cacheRead: '2', cacheWrite5m: '2', cacheWrite1h: '2', output: '1.5' },
    source: 'https://docs.anthropic.com/en/docs/about-claude/pricing#long-context-pricing (Sonnet 4 / 4.5 over 200k input tokens: $6 input, $22.50 output)',
  },
];
