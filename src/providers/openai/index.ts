export { type OpenAIChatUsage, convertOpenAIChatUsage } from './convert-chat-usage.ts';
export {
  type OpenAIResponsesResponse,
  type OpenAIResponsesOutputItem,
  convertOpenAIResponsesUsage,
} from './convert-responses-usage.ts';
export { type OpenAIEmbeddingsUsage, convertOpenAIEmbeddingsUsage } from './convert-embeddings-usage.ts';
