export { type AnthropicUsage, convertAnthropicMessagesUsage } from './convert-messages-usage.ts';
export {
  type AnthropicStreamEvent,
  mergeAnthropicStreamUsage,
  usageOfAnthropicStreamEvent,
} from './merge-stream-usage.ts';
