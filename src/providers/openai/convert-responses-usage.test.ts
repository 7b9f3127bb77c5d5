import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promptTokens } from '../../core/usage/index.ts';
import { convertOpenAIResponsesUsage } from './convert-responses-usage.ts';
import webSearch from './__fixtures__/responses-gpt-4o-web-search.json' with { type: 'json' };
import cached from './__fixtures__/responses-gpt-4.1-cached.json' with { type: 'json' };
import completedEvent from './__fixtures__/responses-o4-mini-reasoning.completed-event.json' with { type: 'json' };
import cacheWrite from './__fixtures__/responses-gpt-5.6-cache-write.json' with { type: 'json' };

test('web_search_call output items are counted as web searches', () => {
  assert.deepEqual(convertOpenAIResponsesUsage(webSearch), {
    inputTokens: 327,
    cacheReadTokens: 0,
    outputTokens: 770,
    reasoningTokens: 0,
    webSearches: 2,
  });
});

test('cached_tokens are inside input_tokens and are subtracted', () => {
  const usage = convertOpenAIResponsesUsage(cached);
  assert.deepEqual(usage, { inputTokens: 129, cacheReadTokens: 11904, outputTokens: 44, reasoningTokens: 0 });
  assert.equal(promptTokens(usage), cached.usage.input_tokens);
});

test('streaming: the response of response.completed converts like a whole response', () => {
  assert.deepEqual(convertOpenAIResponsesUsage(completedEvent.response), {
    inputTokens: 75,
    cacheReadTokens: 0,
    outputTokens: 1186,
    reasoningTokens: 1024,
  });
});

test('cache reads and writes both come out of input_tokens; tool_usage gives the billed search count', () => {
  // output has a `search` and an `open_page` item; tool_usage says 1 billed request.
  assert.deepEqual(convertOpenAIResponsesUsage(cacheWrite), {
    inputTokens: 114, // 4210 − 3072 read − 1024 written
    cacheReadTokens: 3072,
    cacheWrite5mTokens: 1024,
    outputTokens: 5,
    reasoningTokens: 0,
    webSearches: 1,
  });
});

test('without tool_usage, only search actions that did not fail are counted', () => {
  const output = [
    { type: 'web_search_call', status: 'completed', action: { type: 'search' } },
    { type: 'web_search_call', status: 'completed', action: { type: 'open_page' } },
    { type: 'web_search_call', status: 'completed', action: { type: 'find_in_page' } },
    { type: 'web_search_call', status: 'failed', action: { type: 'search' } },
    { type: 'web_search_call', status: 'completed' },
    { type: 'message', status: 'completed' },
  ];
  assert.deepEqual(convertOpenAIResponsesUsage({ output }), { webSearches: 2 });
  assert.deepEqual(convertOpenAIResponsesUsage({ output: [{ type: 'message' }] }), {});
});

test('missing usage or a missing response converts to nothing reported', () => {
  assert.deepEqual(convertOpenAIResponsesUsage(undefined), {});
  assert.deepEqual(convertOpenAIResponsesUsage({ usage: null, output: null }), {});
  assert.deepEqual(
    convertOpenAIResponsesUsage({ usage: { input_tokens: 10, input_tokens_details: null, output_tokens: 3 } }),
    { inputTokens: 10, outputTokens: 3 },
  );
});
