import { compactUsage, type Usage } from '../../core/usage/index.ts';
import { clampToWhole, readTokenCount } from '../shared/index.ts';

/**
 * The part of an Anthropic Messages `usage` object this converter reads: `message.usage` of a
 * response or `message_start` event, or `usage` of a `message_delta` event.
 */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: {
    ephemeral_5m_input_tokens?: number | null;
    ephemeral_1h_input_tokens?: number | null;
  } | null;
  server_tool_use?: { web_search_requests?: number | null; web_fetch_requests?: number | null } | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

/**
 * Converts an Anthropic Messages `usage` object to `Usage`.
 *
 * Anthropic's input classes are already disjoint: `input_tokens` excludes cache reads and cache
 * writes, so nothing is subtracted (the opposite of OpenAI's `prompt_tokens`). Cache writes are
 * split by lifetime with the `cache_creation` breakdown when present; without it they are all
 * 5-minute writes. `output_tokens` includes thinking; `thinking_tokens` becomes `reasoningTokens`.
 * Web searches are billed per request; web fetches carry no fee and are not counted.
 */
export function convertAnthropicMessagesUsage(usage: AnthropicUsage | null | undefined): Usage {
  if (!usage) return {};
  const outputTokens = readTokenCount(usage.output_tokens);
  return compactUsage({
    inputTokens: readTokenCount(usage.input_tokens),
    cacheReadTokens: readTokenCount(usage.cache_read_input_tokens),
    ...splitCacheWrites(usage),
    outputTokens,
    reasoningTokens: clampToWhole(readTokenCount(usage.output_tokens_details?.thinking_tokens), outputTokens),
    webSearches: readTokenCount(usage.server_tool_use?.web_search_requests),
  });
}

/**
 * `cache_creation_input_tokens` is the total and wins over its breakdown: 1-hour writes are capped
 * at the total and every other written token is a 5-minute write (the default lifetime), so the
 * two always add up to the total even when the breakdown does not.
 */
function splitCacheWrites(usage: AnthropicUsage): Pick<Usage, 'cacheWrite5mTokens' | 'cacheWrite1hTokens'> {
  const total = readTokenCount(usage.cache_creation_input_tokens);
  const fiveMinutes = readTokenCount(usage.cache_creation?.ephemeral_5m_input_tokens);
  const oneHour = readTokenCount(usage.cache_creation?.ephemeral_1h_input_tokens);
  if (total === undefined) return { cacheWrite5mTokens: fiveMinutes, cacheWrite1hTokens: oneHour };
  if (oneHour === undefined) return { cacheWrite5mTokens: total };
  const cappedOneHour = Math.min(oneHour, total);
  return { cacheWrite5mTokens: total - cappedOneHour, cacheWrite1hTokens: cappedOneHour };
}
