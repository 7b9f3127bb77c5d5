/**
 * The genai-prices providers the catalog takes, in search order (a name that several providers
 * serve, like gpt-oss-120b, resolves to the earliest one unless the request names a provider),
 * with the other spellings clients and configs use for them.
 *
 * Left out on purpose: aggregators and clouds that resell other vendors' models under their own
 * ids and mark-ups (openrouter, aws, azure, github-copilot, cloudflare, huggingface_*, novita,
 * baseten, …). Their names (`anthropic/claude-…`) would shadow the vendor's own price when no
 * provider is given; add them with an explicit provider hint once a gateway route needs one.
 */
export interface GenaiProviderChoice {
  readonly id: string;
  readonly aliases: readonly string[];
}

export const GENAI_PROVIDERS: readonly GenaiProviderChoice[] = [
  { id: 'openai', aliases: [] },
  { id: 'anthropic', aliases: [] },
  { id: 'google', aliases: ['gemini', 'google-gla', 'google-vertex', 'vertex', 'vertex_ai'] },
  { id: 'deepseek', aliases: [] },
  { id: 'mistral', aliases: [] },
  { id: 'x-ai', aliases: ['xai', 'grok'] },
  { id: 'cohere', aliases: [] },
  { id: 'moonshotai', aliases: ['moonshot', 'kimi'] },
  { id: 'zhipuai', aliases: ['zhipu'] },
  { id: 'zai', aliases: ['z-ai', 'z.ai'] },
  { id: 'minimax', aliases: [] },
  { id: 'perplexity', aliases: [] },
  { id: 'voyageai', aliases: ['voyage'] },
  { id: 'groq', aliases: [] },
  { id: 'together', aliases: ['together_ai', 'together-ai', 'togetherai'] },
  { id: 'fireworks', aliases: ['fireworks_ai', 'fireworks-ai'] },
  { id: 'cerebras', aliases: [] },
];

/** The dataset release the catalog is built from; a test keeps it equal to the installed package. */
export const GENAI_PRICES_SOURCE = 'genai-prices@0.1.8';
