import { compactUsage, type Usage } from '../../core/usage/index.ts';
import { convertOpenAIChatUsage, type OpenAIChatUsage } from '../openai/index.ts';
import { clampToWhole, readTokenCount, splitInclusivePrompt } from '../shared/index.ts';

/** DeepSeek's Chat Completions `usage`: OpenAI's shape plus its own cache hit/miss counts. */
export interface DeepSeekUsage extends OpenAIChatUsage {
  prompt_cache_hit_tokens?: number | null;
  prompt_cache_miss_tokens?: number | null;
}

/**
 * Converts a DeepSeek `usage` object to `Usage`: cache hits are `cacheReadTokens`, misses
 * `inputTokens`. `prompt_tokens` (= hits + misses) is trusted when the parts disagree: hits are
 * capped at it and misses are what remains. Without hit/miss fields (older responses, other
 * OpenAI-compatible hosts) it falls back to the OpenAI Chat Completions converter.
 */
export function convertDeepSeekUsage(usage: DeepSeekUsage | null | undefined): Usage {
  if (!usage) return {};
  const hits = readTokenCount(usage.prompt_cache_hit_tokens);
  const misses = readTokenCount(usage.prompt_cache_miss_tokens);
  if (hits === undefined && misses === undefined) return convertOpenAIChatUsage(usage);

  const total = readTokenCount(usage.prompt_tokens) ?? (hits ?? 0) + (misses ?? 0);
  const prompt = splitInclusivePrompt({ total, cacheRead: hits ?? Math.max(0, total - (misses ?? 0)) });
  const outputTokens = readTokenCount(usage.completion_tokens);
  return compactUsage({
    inputTokens: prompt.inputTokens,
    cacheReadTokens: prompt.cacheReadTokens,
    outputTokens,
    reasoningTokens: clampToWhole(readTokenCount(usage.completion_tokens_details?.reasoning_tokens), outputTokens),
  });
}
