/**
 * Anthropic Messages (`POST /v1/messages`). In a stream, `message_start` carries the input side
 * of usage and every `message_delta` a cumulative snapshot: the last one is the truth (never summed).
 */
import {
  convertAnthropicMessagesUsage,
  mergeAnthropicStreamUsage,
  usageOfAnthropicStreamEvent,
  type AnthropicUsage,
} from '../../../providers/index.ts';
import type { ApiFormat, JsonObject, StreamMeter } from './api-format.ts';
import { parseSseEvent } from '../sse-splitter.ts';
import { objectField, positiveIntField, stringField, tryParseJson } from './json-fields.ts';

function createAnthropicMeter(): StreamMeter {
  let merged: AnthropicUsage | undefined;
  let sawDelta = false;
  let served: string | undefined;
  let text = '';
  let held = '';
  return {
    onEvent(raw) {
      const event = parseSseEvent(raw);
      const payload = tryParseJson(event.data);
      if (!payload) return raw;
      const type = event.event ?? stringField(payload, 'type');
      if (type === 'content_block_delta') {
        const delta = objectField(payload, 'delta');
        const piece = delta?.['text'] ?? delta?.['partial_json'] ?? delta?.['thinking'];
        if (typeof piece === 'string') text += piece;
        return raw;
      }
      if (type === 'message_start') served ??= stringField(objectField(payload, 'message') ?? {}, 'model');
      const eventUsage = usageOfAnthropicStreamEvent(payload as never);
      if (eventUsage) {
        merged = mergeAnthropicStreamUsage(merged, eventUsage);
        if (type === 'message_delta') sawDelta = true;
      }
      if (type === 'message_stop') {
        held += raw;
        return undefined;
      }
      return raw;
    },
    finalUsage: () => (sawDelta && merged ? convertAnthropicMessagesUsage(merged) : undefined),
    partialUsage: () => (merged ? convertAnthropicMessagesUsage(merged) : undefined),
    outputText: () => text,
    model: () => served,
    finish: () => held,
  };
}

export const anthropicMessages: ApiFormat = {
  endpoint: 'messages',
  errorStyle: 'anthropic',
  providerKinds: ['anthropic'],
  model: (body) => stringField(body, 'model'),
  isStream: (body) => body['stream'] === true,
  maxOutputTokens: (body) => positiveIntField(body, 'max_tokens'),
  prepare: (body) => ({ body, clientWantsUsage: true }),
  upstreamPath: () => '/v1/messages',
  usageOf: (response: JsonObject) => {
    const usage = objectField(response, 'usage');
    return usage ? convertAnthropicMessagesUsage(usage) : undefined;
  },
  modelOf: (response) => stringField(response, 'model'),
  createStreamMeter: createAnthropicMeter,
};
