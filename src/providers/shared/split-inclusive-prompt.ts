/** The disjoint input classes carved out of a prompt total. */
export interface PromptSplit {
  /** Neither read from nor written to a cache. */
  inputTokens: number | undefined;
  cacheReadTokens: number | undefined;
  cacheWriteTokens: number | undefined;
}

/**
 * Splits a prompt total that *includes* its cached parts (OpenAI `prompt_tokens`, Gemini
 * `promptTokenCount`, DeepSeek `prompt_tokens`) into disjoint classes.
 *
 * The total is trusted over its breakdown: cache reads are capped at the total, cache writes at
 * what remains, and the uncached rest is the difference, so the classes always add up to the
 * total and none is negative. Without a total, the cached parts are passed through as reported.
 */
export function splitInclusivePrompt(parts: {
  total: number | undefined;
  cacheRead?: number | undefined;
  cacheWrite?: number | undefined;
}): PromptSplit {
  const { total, cacheRead, cacheWrite } = parts;
  if (total === undefined) {
    return { inputTokens: undefined, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite };
  }
  const cacheReadTokens = cacheRead === undefined ? undefined : Math.min(cacheRead, total);
  const afterReads = total - (cacheReadTokens ?? 0);
  const cacheWriteTokens = cacheWrite === undefined ? undefined : Math.min(cacheWrite, afterReads);
  return { inputTokens: afterReads - (cacheWriteTokens ?? 0), cacheReadTokens, cacheWriteTokens };
}
