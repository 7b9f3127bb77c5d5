import { compactUsage, type Usage } from '../../core/usage/index.ts';
import { clampToWhole, readTokenCount, splitInclusivePrompt } from '../shared/index.ts';

/** One item of a Responses `output` array, as far as web search billing needs it. */
export interface OpenAIResponsesOutputItem {
  type?: string | null;
  status?: string | null;
  action?: { type?: string | null } | null;
}

/**
 * The part of a Responses API response object this converter reads: the whole `response` of a
 * non-streamed call, or `event.response` of a stream's `response.completed` (also
 * `response.incomplete` / `response.failed`) event.
 */
export interface OpenAIResponsesResponse {
  usage?: {
    input_tokens?: number | null;
    input_tokens_details?: { cached_tokens?: number | null; cache_write_tokens?: number | null } | null;
    output_tokens?: number | null;
    output_tokens_details?: { reasoning_tokens?: number | null } | null;
    total_tokens?: number | null;
  } | null;
  output?: readonly OpenAIResponsesOutputItem[] | null;
  /** Per-tool counters some responses carry; `web_search.num_requests` is the billed search count. */
  tool_usage?: { web_search?: { num_requests?: number | null } | null } | null;
}

/**
 * Converts a Responses API response object to `Usage`. It takes the whole response, not just
 * `usage`, because web searches are billed per call and are only visible outside `usage`.
 *
 * Tokens follow the Chat Completions rules: `input_tokens` includes `cached_tokens` and
 * `cache_write_tokens` (taken out of `inputTokens`), `output_tokens` includes reasoning.
 *
 * `webSearches` is `tool_usage.web_search.num_requests` when the response reports it (the
 * provider's own count). Otherwise `web_search_call` output items are counted: only `search`
 * actions (or items without an `action`, as older responses send them), not `open_page` /
 * `find_in_page` steps, which are assumed not billed separately, and not `failed` calls.
 * No search items means not reported, not 0.
 */
export function convertOpenAIResponsesUsage(response: OpenAIResponsesResponse | null | undefined): Usage {
  if (!response) return {};
  const usage = response.usage;
  const prompt = splitInclusivePrompt({
    total: readTokenCount(usage?.input_tokens),
    cacheRead: readTokenCount(usage?.input_tokens_details?.cached_tokens),
    cacheWrite: readTokenCount(usage?.input_tokens_details?.cache_write_tokens),
  });
  const outputTokens = readTokenCount(usage?.output_tokens);
  return compactUsage({
    inputTokens: prompt.inputTokens,
    cacheReadTokens: prompt.cacheReadTokens,
    cacheWrite5mTokens: prompt.cacheWriteTokens,
    outputTokens,
    reasoningTokens: clampToWhole(readTokenCount(usage?.output_tokens_details?.reasoning_tokens), outputTokens),
    webSearches: readTokenCount(response.tool_usage?.web_search?.num_requests) ?? countWebSearches(response.output),
  });
}

function countWebSearches(output: readonly OpenAIResponsesOutputItem[] | null | undefined): number | undefined {
  if (!Array.isArray(output)) return undefined;
  let searches = 0;
  for (const item of output) {
    if (item?.type !== 'web_search_call' || item.status === 'failed') continue;
    const action = item.action?.type;
    if (action === undefined || action === null || action === 'search') searches++;
  }
  return searches > 0 ? searches : undefined;
}
