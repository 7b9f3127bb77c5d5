/**
 * Batch API discounts, which genai-prices does not carry. A rule applies to every price version of
 * the models it names (canonical ids) or matches; "0.5" means a batch request pays 50%.
 * Providers without a documented batch API (DeepSeek, xAI, Groq, …) have none, so a batch request
 * for their models is unpriced rather than guessed.
 */
import type { MatchRule } from '../../core/pricing/index.ts';

export interface BatchDiscountRule {
  readonly provider: string;
  /** Canonical model ids; omitted together with `match` = every model of the provider. */
  readonly models?: readonly string[];
  readonly match?: MatchRule;
  readonly discount: string;
  readonly source: string;
}

export const BATCH_DISCOUNTS: readonly BatchDiscountRule[] = [
  {
    provider: 'openai',
    // the models OpenAI's pricing page lists under "Batch"; realtime, audio, image and legacy
    // completion models have no batch price
    models: [
      'gpt-3.5-turbo', 'gpt-4', 'gpt-4-turbo', 'gpt-4o', 'gpt-4o-2024-05-13', 'gpt-4o-mini',
      'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano',
      'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5-pro', 'gpt-5.1', 'gpt-5.2', 'gpt-5.2-pro',
      'gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4-nano', 'gpt-5.4-pro', 'gpt-5.5', 'gpt-5.5-pro',
      'gpt-5.6-luna', 'gpt-5.6-sol', 'gpt-5.6-terra',
      'o1', 'o1-pro', 'o3', 'o3-pro', 'o3-mini', 'o3-deep-research', 'o4-mini', 'o4-mini-deep-research',
      'text-embedding-3-small', 'text-embedding-3-large', 'text-embedding-ada-002',
    ],
    discount: '0.5',
    source: 'https://platform.openai.com/docs/guides/batch (50% lower costs); https://platform.openai.com/docs/pricing (Batch tab)',
  },
  {
    provider: 'anthropic',
    discount: '0.5',
    source: 'https://docs.anthropic.com/en/docs/build-with-claude/batch-processing#pricing (50% of standard API prices, cache prices included)',
  },
  {
    provider: 'google',
    // Gemini API batch mode: 2.x and 3.x text models and embeddings; not the TTS or Live models
    match: {
      or: [
        { and: [{ regex: '^gemini-(2\\.[05]|3(\\.\\d)?)-' }, { regex: '^(?!.*(-tts|live|native-audio))' }] },
        { equals: 'gemini-embedding-001' },
      ],
    },
    discount: '0.5',
    source: 'https://ai.google.dev/gemini-api/docs/batch-mode (50% of the interactive price)',
  },
  {
    provider: 'mistral',
    discount: '0.5',
    source: 'https://docs.mistral.ai/capabilities/batch/ (batch requests cost 50% of the synchronous API)',
  },
];
