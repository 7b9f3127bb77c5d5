import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promptTokens } from '../../core/usage/index.ts';
import { convertOpenAIChatUsage } from '../openai/index.ts';
import { convertAnthropicMessagesUsage } from './convert-messages-usage.ts';
import basic from './__fixtures__/messages-basic.json' with { type: 'json' };
import mixedTtl from './__fixtures__/messages-cache-mixed-ttl.json' with { type: 'json' };
import noBreakdown from './__fixtures__/messages-cache-write-no-breakdown.json' with { type: 'json' };
import webSearch from './__fixtures__/messages-web-search.json' with { type: 'json' };

test('basic response: reported zeros stay zeros, a null server_tool_use is not reported', () => {
  assert.deepEqual(convertAnthropicMessagesUsage(basic.usage), {
    inputTokens: 2095,
    cacheReadTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    outputTokens: 503,
  });
});

test('cache tokens are outside input_tokens: nothing is subtracted; breakdown splits 5m and 1h', () => {
  const usage = convertAnthropicMessagesUsage(mixedTtl.usage);
  assert.deepEqual(usage, {
    inputTokens: 2048,
    cacheReadTokens: 1800,
    cacheWrite5mTokens: 148,
    cacheWrite1hTokens: 100,
    outputTokens: 503,
  });
  assert.equal(promptTokens(usage), 2048 + 1800 + 248);
});

test('no-double-counting: OpenAI nests cached tokens in prompt_tokens, Anthropic keeps them beside input_tokens', () => {
  // The same request shape, 1800 tokens read from cache and 248 uncached, in each wire format.
  const openai = convertOpenAIChatUsage({
    prompt_tokens: 2048,
    completion_tokens: 503,
    prompt_tokens_details: { cached_tokens: 1800 },
  });
  const anthropic = convertAnthropicMessagesUsage({
    input_tokens: 248,
    cache_read_input_tokens: 1800,
    output_tokens: 503,
  });
  const expected = { inputTokens: 248, cacheReadTokens: 1800, outputTokens: 503 };
  assert.deepEqual(openai, expected);
  assert.deepEqual(anthropic, expected);
  assert.equal(promptTokens(openai), 2048);
  assert.equal(promptTokens(anthropic), 2048);
});

test('cache writes without the cache_creation breakdown are all 5-minute writes', () => {
  assert.deepEqual(convertAnthropicMessagesUsage(noBreakdown.usage), {
    inputTokens: 21,
    cacheReadTokens: 0,
    cacheWrite5mTokens: 188086,
    outputTokens: 393,
  });
});

test('web search requests are counted; cache read and write both sit beside input_tokens', () => {
  assert.deepEqual(convertAnthropicMessagesUsage(webSearch.usage), {
    inputTokens: 105,
    cacheReadTokens: 7123,
    cacheWrite5mTokens: 7345,
    outputTokens: 6039,
    webSearches: 1,
  });
});

test('thinking tokens are reasoning, part of output_tokens; web fetches carry no fee', () => {
  assert.deepEqual(
    convertAnthropicMessagesUsage({
      input_tokens: 40,
      output_tokens: 900,
      output_tokens_details: { thinking_tokens: 700 },
      server_tool_use: { web_search_requests: 0, web_fetch_requests: 3 },
    }),
    { inputTokens: 40, outputTokens: 900, reasoningTokens: 700, webSearches: 0 },
  );
});

test('a breakdown that disagrees with cache_creation_input_tokens: the total wins', () => {
  // Breakdown short of the total: the rest are 5-minute (default) writes.
  assert.deepEqual(
    convertAnthropicMessagesUsage({
      cache_creation_input_tokens: 500,
      cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 300 },
    }),
    { cacheWrite5mTokens: 200, cacheWrite1hTokens: 300 },
  );
  // Breakdown over the total: 1-hour writes are capped at it.
  assert.deepEqual(
    convertAnthropicMessagesUsage({
      cache_creation_input_tokens: 200,
      cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 300 },
    }),
    { cacheWrite5mTokens: 0, cacheWrite1hTokens: 200 },
  );
  // Breakdown without a total: taken as reported.
  assert.deepEqual(
    convertAnthropicMessagesUsage({
      cache_creation_input_tokens: null,
      cache_creation: { ephemeral_5m_input_tokens: 10, ephemeral_1h_input_tokens: 20 },
    }),
    { cacheWrite5mTokens: 10, cacheWrite1hTokens: 20 },
  );
});

test('missing or malformed usage converts to nothing reported', () => {
  assert.deepEqual(convertAnthropicMessagesUsage(undefined), {});
  assert.deepEqual(
    convertAnthropicMessagesUsage({ input_tokens: null, output_tokens: -1, cache_creation: null, server_tool_use: null }),
    {},
  );
});
