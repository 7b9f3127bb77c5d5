import { compactUsage, type Usage } from '../../core/usage/index.ts';
import { readTokenCount } from '../shared/index.ts';

/** The `usage` object of an Embeddings response. */
export interface OpenAIEmbeddingsUsage {
  prompt_tokens?: number | null;
  total_tokens?: number | null;
}

/**
 * Converts an Embeddings `usage` object to `Usage`: all of it is uncached input. Embeddings have
 * no output, and the API reports none, so `outputTokens` stays unreported. `total_tokens` equals
 * `prompt_tokens` here and stands in for it when `prompt_tokens` is missing.
 */
export function convertOpenAIEmbeddingsUsage(usage: OpenAIEmbeddingsUsage | null | undefined): Usage {
  if (!usage) return {};
  return compactUsage({
    inputTokens: readTokenCount(usage.prompt_tokens) ?? readTokenCount(usage.total_tokens),
  });
}
