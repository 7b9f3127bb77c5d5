/**
 * Maximum output tokens (genai-prices has none) and context windows it lacks, for popular models.
 * Budgets reserve worst-case output (SPEC §8), so a model without maxOutputTokens cannot be
 * reserved strictly. Entries fill gaps only; a dataset value always wins.
 */
export interface ModelLimit {
  readonly provider: string;
  /** Canonical model id. */
  readonly model: string;
  readonly maxOutputTokens?: number;
  readonly contextWindow?: number;
  readonly source: string;
}

const OPENAI = 'https://platform.openai.com/docs/models (model page: "Max output tokens")';
const ANTHROPIC = 'https://docs.anthropic.com/en/docs/about-claude/models/overview (model comparison: "Max output")';
const GEMINI = 'https://ai.google.dev/gemini-api/docs/models (model card: "Output token limit" / "Input token limit")';
const DEEPSEEK = 'https://api-docs.deepseek.com/quick_start/pricing (table: "MAX OUTPUT" 8K chat, 64K reasoner)';
const COHERE = 'https://docs.cohere.com/docs/models (context length)';

export const MODEL_LIMITS: readonly ModelLimit[] = [
  { provider: 'openai', model: 'gpt-4o', maxOutputTokens: 16_384, source: OPENAI },
  { provider: 'openai', model: 'gpt-4o-mini', maxOutputTokens: 16_384, source: OPENAI },
  { provider: 'openai', model: 'gpt-4.1', maxOutputTokens: 32_768, source: OPENAI },
  { provider: 'openai', model: 'gpt-4.1-mini', maxOutputTokens: 32_768, source: OPENAI },
  { provider: 'openai', model: 'gpt-4.1-nano', maxOutputTokens: 32_768, source: OPENAI },
  { provider: 'openai', model: 'gpt-5', maxOutputTokens: 128_000, source: OPENAI },
  { provider: 'openai', model: 'gpt-5-mini', maxOutputTokens: 128_000, source: OPENAI },
  { provider: 'openai', model: 'gpt-5-nano', maxOutputTokens: 128_000, source: OPENAI },
  { provider: 'openai', model: 'gpt-5.1', maxOutputTokens: 128_000, source: OPENAI },
  { provider: 'openai', model: 'o1', maxOutputTokens: 100_000, source: OPENAI },
  { provider: 'openai', model: 'o3', maxOutputTokens: 100_000, source: OPENAI },
  { provider: 'openai', model: 'o3-mini', maxOutputTokens: 100_000, source: OPENAI },
  { provider: 'openai', model: 'o4-mini', maxOutputTokens: 100_000, source: OPENAI },
  { provider: 'openai', model: 'gpt-4-turbo', maxOutputTokens: 4_096, source: OPENAI },
  { provider: 'openai', model: 'gpt-3.5-turbo', maxOutputTokens: 4_096, source: OPENAI },
  { provider: 'openai', model: 'gpt-4.5-preview', contextWindow: 128_000, source: OPENAI },
  { provider: 'anthropic', model: 'claude-sonnet-4-0', maxOutputTokens: 64_000, source: ANTHROPIC },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', maxOutputTokens: 64_000, source: ANTHROPIC },
  { provider: 'anthropic', model: 'claude-3-7-sonnet-latest', maxOutputTokens: 64_000, source: ANTHROPIC },
  { provider: 'anthropic', model: 'claude-opus-4-0', maxOutputTokens: 32_000, source: ANTHROPIC },
  { provider: 'anthropic', model: 'claude-opus-4-1', maxOutputTokens: 32_000, source: ANTHROPIC },
  { provider: 'anthropic', model: 'claude-opus-4-5', maxOutputTokens: 64_000, source: ANTHROPIC },
  { provider: 'anthropic', model: 'claude-haiku-4-5', maxOutputTokens: 64_000, source: ANTHROPIC },
  { provider: 'anthropic', model: 'claude-3-5-haiku-latest', maxOutputTokens: 8_192, source: ANTHROPIC },
  { provider: 'anthropic', model: 'claude-3-5-sonnet', maxOutputTokens: 8_192, source: ANTHROPIC },
  { provider: 'anthropic', model: 'claude-3-haiku', maxOutputTokens: 4_096, source: ANTHROPIC },
  { provider: 'anthropic', model: 'claude-3-opus-latest', maxOutputTokens: 4_096, source: ANTHROPIC },
  { provider: 'google', model: 'gemini-2.5-pro', maxOutputTokens: 65_536, contextWindow: 1_048_576, source: GEMINI },
  { provider: 'google', model: 'gemini-2.5-flash', maxOutputTokens: 65_536, source: GEMINI },
  { provider: 'google', model: 'gemini-2.5-flash-lite', maxOutputTokens: 65_536, source: GEMINI },
  { provider: 'google', model: 'gemini-2.0-flash', maxOutputTokens: 8_192, source: GEMINI },
  { provider: 'google', model: 'gemini-2.0-flash-lite', maxOutputTokens: 8_192, source: GEMINI },
  { provider: 'google', model: 'gemini-3-pro-preview', maxOutputTokens: 65_536, contextWindow: 1_048_576, source: GEMINI },
  { provider: 'deepseek', model: 'deepseek-chat', maxOutputTokens: 8_192, source: DEEPSEEK },
  { provider: 'deepseek', model: 'deepseek-reasoner', maxOutputTokens: 65_536, source: DEEPSEEK },
  { provider: 'cohere', model: 'command-a', contextWindow: 256_000, source: COHERE },
  { provider: 'cohere', model: 'command-r', contextWindow: 128_000, source: COHERE },
  { provider: 'cohere', model: 'command-r-plus', contextWindow: 128_000, source: COHERE },
];
