/**
 * One normalized usage record for every provider. Token classes do not overlap unless a field
 * says "of …" (a subset kept to price it differently). `undefined` means "not reported", never 0.
 */
export interface Usage {
  /** Input tokens billed at the full input rate: not read from and not written to a cache. Every modality. */
  inputTokens?: number;
  /** Of inputTokens: audio tokens (priced at the audio input rate where the model has one). */
  inputAudioTokens?: number;
  /** Of inputTokens: image tokens (priced at the image input rate where the model has one). */
  inputImageTokens?: number;
  /** Input tokens read from the provider's prompt cache. */
  cacheReadTokens?: number;
  /** Of cacheReadTokens: audio tokens read from cache. */
  cacheReadAudioTokens?: number;
  /** Input tokens written to a cache with the 5-minute (default) lifetime. */
  cacheWrite5mTokens?: number;
  /** Input tokens written to a cache with the 1-hour lifetime. */
  cacheWrite1hTokens?: number;
  /** All output tokens, reasoning included. */
  outputTokens?: number;
  /** Of outputTokens: reasoning ("thinking") tokens. */
  reasoningTokens?: number;
  /** Of outputTokens: audio tokens. */
  outputAudioTokens?: number;
  /** Of outputTokens: image tokens. */
  outputImageTokens?: number;
  /** Per-request units billed by count, e.g. server-side web searches. */
  webSearches?: number;
}

export type UsageField = keyof Usage;

export const USAGE_FIELDS: readonly UsageField[] = [
  'inputTokens',
  'inputAudioTokens',
  'inputImageTokens',
  'cacheReadTokens',
  'cacheReadAudioTokens',
  'cacheWrite5mTokens',
  'cacheWrite1hTokens',
  'outputTokens',
  'reasoningTokens',
  'outputAudioTokens',
  'outputImageTokens',
  'webSearches',
];

/** All cache-written input tokens, whatever the lifetime. */
export function cacheWriteTokens(usage: Usage): number | undefined {
  if (usage.cacheWrite5mTokens === undefined && usage.cacheWrite1hTokens === undefined) return undefined;
  return (usage.cacheWrite5mTokens ?? 0) + (usage.cacheWrite1hTokens ?? 0);
}

/** Whole prompt size: uncached + cache read + cache written (what tiered prices and context windows look at). */
export function promptTokens(usage: Usage): number {
  return (usage.inputTokens ?? 0) + (usage.cacheReadTokens ?? 0) + (cacheWriteTokens(usage) ?? 0);
}

/** Drops fields that are undefined, so records compare and serialize cleanly. */
export function compactUsage(usage: Usage): Usage {
  const result: Usage = {};
  for (const field of USAGE_FIELDS) {
    const value = usage[field];
    if (value !== undefined) result[field] = value;
  }
  return result;
}
