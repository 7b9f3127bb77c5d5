export { countText } from './count-text.ts';
export { countChat, type ChatCountOptions } from './count-chat.ts';
export { truncateToBudget, DEFAULT_TRUNCATION_MARKER, type TruncateKeep, type TruncateOptions } from './truncate-to-budget.ts';
export { chunkByTokens, type ChunkOptions, type TextChunk } from './chunk-by-tokens.ts';
export { learnFactor, type FactorSample, type LearnedFactor } from './learn-factor.ts';
export { DEFAULT_TOKEN_FACTORS, modelFamily, type FactorTable, type TokenFactor } from './token-factors.ts';
export { encodingForModel } from './encoding-for-model.ts';
export { ENCODING_NAMES, getEncoder, type Encoder, type EncodingName } from './encoders.ts';
export { countPatches, countTiles, imageTokens, type ImageDetail, type ImageSize, type ImageTokens } from './image-tokens.ts';
export { imageSizeFromDataUrl } from './image-size-from-data-url.ts';
export { visionRule, type VisionRule } from './vision-rules.ts';
export type { CountMethod, CountOptions, RatioEstimate, TokenCount } from './token-count.ts';
export type {
  ChatMessage,
  ChatRequest,
  ContentPart,
  FunctionDefinition,
  ImageUrlPart,
  JsonSchema,
  TextPart,
  ToolCall,
  ToolChoice,
  ToolDefinition,
} from './chat-request.ts';
