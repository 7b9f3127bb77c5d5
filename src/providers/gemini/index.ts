export {
  type GeminiUsageMetadata,
  type GeminiModalityTokenCount,
  convertGeminiUsageMetadata,
} from './convert-usage-metadata.ts';
export { mergeGeminiStreamUsageMetadata } from './merge-stream-usage-metadata.ts';
