import { mergeLastReported } from '../shared/index.ts';
import type { AnthropicUsage } from './convert-messages-usage.ts';

/** The stream events that carry usage; other event types pass through `usageOfAnthropicStreamEvent` as undefined. */
export interface AnthropicStreamEvent {
  type?: string | null;
  message?: { usage?: AnthropicUsage | null } | null;
  usage?: AnthropicUsage | null;
}

/**
 * Folds one stream event's usage into the usage seen so far. `message_start` carries the input
 * side (and a token or two of output); each `message_delta` carries *cumulative* counts, which
 * can grow on the input side too when server tools run. So every field takes its last reported
 * value and nothing is summed; fields an event omits or sends as null keep their earlier value
 * (a `message_delta` has no `cache_creation` breakdown, so the one from `message_start` stays).
 * Convert the result with `convertAnthropicMessagesUsage`.
 */
export function mergeAnthropicStreamUsage(
  previous: AnthropicUsage | undefined,
  eventUsage: AnthropicUsage | null | undefined,
): AnthropicUsage {
  return mergeLastReported(previous, eventUsage);
}

/** The usage a stream event carries: `message.usage` on `message_start`, `usage` on `message_delta`. */
export function usageOfAnthropicStreamEvent(event: AnthropicStreamEvent | null | undefined): AnthropicUsage | undefined {
  if (event?.type === 'message_start') return event.message?.usage ?? undefined;
  if (event?.type === 'message_delta') return event.usage ?? undefined;
  return undefined;
}
