import { compactUsage, type Usage } from '../../core/usage/index.ts';
import { clampToWhole, readTokenCount, splitInclusivePrompt } from '../shared/index.ts';

/**
 * The part of a Chat Completions `usage` object this converter reads. The same object arrives on
 * a response and on the final chunk of a stream sent with `stream_options.include_usage` (earlier
 * chunks carry `usage: null`).
 */
export interface OpenAIChatUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  total_tokens?: number | null;
  prompt_tokens_details?: {
    cached_tokens?: number | null;
    /** Reported by models that bill cache writes (GPT-5.6 and later); inside `prompt_tokens`. */
    cache_write_tokens?: number | null;
    audio_tokens?: number | null;
  } | null;
  completion_tokens_details?: {
    reasoning_tokens?: number | null;
    audio_tokens?: number | null;
    accepted_prediction_tokens?: number | null;
    rejected_prediction_tokens?: number | null;
  } | null;
}

/**
 * Converts a Chat Completions `usage` object (pass `response.usage` or `chunk.usage`) to `Usage`.
 *
 * `prompt_tokens` includes `cached_tokens` and `cache_write_tokens`, so both are taken out of
 * `inputTokens` (never billed twice). `completion_tokens` already includes reasoning, audio and
 * both accepted and rejected prediction tokens, so it is `outputTokens` as is. Cache writes go
 * to `cacheWrite5mTokens`, the default-lifetime write class (OpenAI's lifetime is 30 minutes).
 *
 * Chat Completions does not say how much of `cached_tokens` is audio, so `audio_tokens` is taken
 * as uncached input; only audio that cannot fit in the uncached part is counted as read from
 * cache. `total_tokens` is a derived sum and is not read.
 */
export function convertOpenAIChatUsage(usage: OpenAIChatUsage | null | undefined): Usage {
  if (!usage) return {};
  const promptDetails = usage.prompt_tokens_details;
  const completionDetails = usage.completion_tokens_details;

  const prompt = splitInclusivePrompt({
    total: readTokenCount(usage.prompt_tokens),
    cacheRead: readTokenCount(promptDetails?.cached_tokens),
    cacheWrite: readTokenCount(promptDetails?.cache_write_tokens),
  });
  const audio = splitPromptAudio(readTokenCount(promptDetails?.audio_tokens), prompt.inputTokens, prompt.cacheReadTokens);

  const outputTokens = readTokenCount(usage.completion_tokens);
  return compactUsage({
    inputTokens: prompt.inputTokens,
    inputAudioTokens: audio.uncached,
    cacheReadTokens: prompt.cacheReadTokens,
    cacheReadAudioTokens: audio.cached,
    cacheWrite5mTokens: prompt.cacheWriteTokens,
    outputTokens,
    reasoningTokens: clampToWhole(readTokenCount(completionDetails?.reasoning_tokens), outputTokens),
    outputAudioTokens: clampToWhole(readTokenCount(completionDetails?.audio_tokens), outputTokens),
  });
}

function splitPromptAudio(
  audio: number | undefined,
  uncachedInput: number | undefined,
  cacheRead: number | undefined,
): { uncached: number | undefined; cached: number | undefined } {
  if (audio === undefined || uncachedInput === undefined) return { uncached: audio, cached: undefined };
  const uncached = Math.min(audio, uncachedInput);
  const cached = Math.min(audio - uncached, cacheRead ?? 0);
  return { uncached, cached: cached > 0 ? cached : undefined };
}
