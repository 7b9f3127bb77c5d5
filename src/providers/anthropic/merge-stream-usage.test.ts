import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertAnthropicMessagesUsage, type AnthropicUsage } from './convert-messages-usage.ts';
import { mergeAnthropicStreamUsage, usageOfAnthropicStreamEvent, type AnthropicStreamEvent } from './merge-stream-usage.ts';
import basicEvents from './__fixtures__/stream-basic.events.json' with { type: 'json' };
import webSearchEvents from './__fixtures__/stream-web-search.events.json' with { type: 'json' };

function foldStream(events: readonly AnthropicStreamEvent[]): AnthropicUsage | undefined {
  let usage: AnthropicUsage | undefined;
  for (const event of events) {
    const eventUsage = usageOfAnthropicStreamEvent(event);
    if (eventUsage) usage = mergeAnthropicStreamUsage(usage, eventUsage);
  }
  return usage;
}

test('basic stream: message_delta output_tokens is cumulative, so 15 and not 1 + 15', () => {
  assert.deepEqual(convertAnthropicMessagesUsage(foldStream(basicEvents)), { inputTokens: 25, outputTokens: 15 });
});

test('web search stream: the input side grows during the turn; the last value wins, nothing is summed', () => {
  const usage = foldStream(webSearchEvents);
  assert.deepEqual(usage, {
    input_tokens: 10682,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: 510,
    server_tool_use: { web_search_requests: 1 },
  });
  assert.deepEqual(convertAnthropicMessagesUsage(usage), {
    inputTokens: 10682, // not 2679 + 10682
    cacheReadTokens: 0,
    cacheWrite5mTokens: 0,
    outputTokens: 510, // not 3 + 510
    webSearches: 1,
  });
});

test('fields a message_delta omits or sends as null keep their message_start value', () => {
  const start: AnthropicUsage = {
    input_tokens: 12,
    cache_creation_input_tokens: 3000,
    cache_read_input_tokens: 9000,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 3000 },
    output_tokens: 1,
  };
  const delta: AnthropicUsage = {
    input_tokens: null,
    cache_creation_input_tokens: 3000,
    cache_read_input_tokens: null,
    output_tokens: 240,
    server_tool_use: null,
  };
  const merged = mergeAnthropicStreamUsage(mergeAnthropicStreamUsage(undefined, start), delta);
  assert.deepEqual(convertAnthropicMessagesUsage(merged), {
    inputTokens: 12,
    cacheReadTokens: 9000,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 3000,
    outputTokens: 240,
  });
  // The accumulator is pure: its inputs are left as they were.
  assert.equal(start.output_tokens, 1);
});

test('only message_start and message_delta carry usage', () => {
  assert.deepEqual(usageOfAnthropicStreamEvent({ type: 'message_start', message: { usage: { input_tokens: 5 } } }), {
    input_tokens: 5,
  });
  assert.deepEqual(usageOfAnthropicStreamEvent({ type: 'message_delta', usage: { output_tokens: 7 } }), {
    output_tokens: 7,
  });
  assert.equal(usageOfAnthropicStreamEvent({ type: 'ping' }), undefined);
  assert.equal(usageOfAnthropicStreamEvent({ type: 'message_start', message: {} }), undefined);
  assert.equal(usageOfAnthropicStreamEvent(undefined), undefined);
  assert.deepEqual(mergeAnthropicStreamUsage(undefined, undefined), {});
});
