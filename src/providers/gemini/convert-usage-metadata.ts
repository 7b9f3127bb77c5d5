import { compactUsage, type Usage } from '../../core/usage/index.ts';
import { clampToWhole, readTokenCount, splitInclusivePrompt, sumReported } from '../shared/index.ts';

/** One entry of a Gemini `*TokensDetails` list. */
export interface GeminiModalityTokenCount {
  /** TEXT, IMAGE, VIDEO, AUDIO, DOCUMENT or MODALITY_UNSPECIFIED. */
  modality?: string | null;
  tokenCount?: number | null;
}

/** The part of a Gemini `usageMetadata` object this converter reads. */
export interface GeminiUsageMetadata {
  promptTokenCount?: number | null;
  cachedContentTokenCount?: number | null;
  candidatesTokenCount?: number | null;
  thoughtsTokenCount?: number | null;
  toolUsePromptTokenCount?: number | null;
  totalTokenCount?: number | null;
  promptTokensDetails?: readonly GeminiModalityTokenCount[] | null;
  cacheTokensDetails?: readonly GeminiModalityTokenCount[] | null;
  candidatesTokensDetails?: readonly GeminiModalityTokenCount[] | null;
  toolUsePromptTokensDetails?: readonly GeminiModalityTokenCount[] | null;
}

/**
 * Converts a Gemini `usageMetadata` object (generateContent, or the last chunk of a stream) to `Usage`.
 *
 * - `promptTokenCount` includes `cachedContentTokenCount`, which is taken out of `inputTokens`.
 * - `toolUsePromptTokenCount` is outside `promptTokenCount` and billed at the input rate, so it is
 *   added to `inputTokens`.
 * - `thoughtsTokenCount` is outside `candidatesTokenCount`: output is their sum, reasoning the thoughts.
 * - AUDIO and IMAGE entries of the modality lists give the audio/image parts. Input parts are the
 *   uncached ones (prompt minus cache, per modality, plus tool-use prompt), and cached audio is
 *   `cacheReadAudioTokens`. VIDEO, DOCUMENT and TEXT stay plain input. When a list is present,
 *   a modality missing from it counts 0; an absent or empty list means not reported.
 *   `totalTokenCount` is a derived sum and is not read.
 */
export function convertGeminiUsageMetadata(metadata: GeminiUsageMetadata | null | undefined): Usage {
  if (!metadata) return {};
  const prompt = splitInclusivePrompt({
    total: readTokenCount(metadata.promptTokenCount),
    cacheRead: readTokenCount(metadata.cachedContentTokenCount),
  });
  const inputTokens = sumReported(prompt.inputTokens, readTokenCount(metadata.toolUsePromptTokenCount));

  const candidates = readTokenCount(metadata.candidatesTokenCount);
  const thoughts = readTokenCount(metadata.thoughtsTokenCount);
  const outputTokens = sumReported(candidates, thoughts);

  return compactUsage({
    inputTokens,
    inputAudioTokens: clampToWhole(uncachedModalityTokens(metadata, 'AUDIO'), inputTokens),
    inputImageTokens: clampToWhole(uncachedModalityTokens(metadata, 'IMAGE'), inputTokens),
    cacheReadTokens: prompt.cacheReadTokens,
    cacheReadAudioTokens: clampToWhole(modalityTokens(metadata.cacheTokensDetails, 'AUDIO'), prompt.cacheReadTokens),
    outputTokens,
    reasoningTokens: thoughts,
    outputAudioTokens: clampToWhole(modalityTokens(metadata.candidatesTokensDetails, 'AUDIO'), candidates),
    outputImageTokens: clampToWhole(modalityTokens(metadata.candidatesTokensDetails, 'IMAGE'), candidates),
  });
}

function uncachedModalityTokens(metadata: GeminiUsageMetadata, modality: string): number | undefined {
  const inPrompt = modalityTokens(metadata.promptTokensDetails, modality);
  const inCache = modalityTokens(metadata.cacheTokensDetails, modality) ?? 0;
  const uncachedPrompt = inPrompt === undefined ? undefined : Math.max(0, inPrompt - inCache);
  return sumReported(uncachedPrompt, modalityTokens(metadata.toolUsePromptTokensDetails, modality));
}

function modalityTokens(
  details: readonly GeminiModalityTokenCount[] | null | undefined,
  modality: string,
): number | undefined {
  if (!Array.isArray(details) || details.length === 0) return undefined;
  let total = 0;
  for (const entry of details) {
    if (entry?.modality === modality) total += readTokenCount(entry.tokenCount) ?? 0;
  }
  return total;
}
