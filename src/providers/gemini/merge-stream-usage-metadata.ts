import { mergeLastReported } from '../shared/index.ts';
import type { GeminiUsageMetadata } from './convert-usage-metadata.ts';

/**
 * Folds one stream chunk's `usageMetadata` into what was seen before. Gemini chunks carry
 * *cumulative* counts (candidates grow chunk by chunk, the prompt repeats), so each field keeps its
 * last reported value and nothing is summed; a chunk without `usageMetadata` changes nothing.
 * Convert the result with `convertGeminiUsageMetadata`.
 */
export function mergeGeminiStreamUsageMetadata(
  previous: GeminiUsageMetadata | undefined,
  chunkMetadata: GeminiUsageMetadata | null | undefined,
): GeminiUsageMetadata {
  return mergeLastReported(previous, chunkMetadata);
}
