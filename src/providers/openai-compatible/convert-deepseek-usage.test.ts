import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promptTokens } from '../../core/usage/index.ts';
import { convertDeepSeekUsage } from './convert-deepseek-usage.ts';
import chat from './__fixtures__/deepseek-chat.json' with { type: 'json' };
import cacheHit from './__fixtures__/deepseek-chat-cache-hit.json' with { type: 'json' };
import reasoner from './__fixtures__/deepseek-reasoner.json' with { type: 'json' };

test('cache misses are input, cache hits are cache reads', () => {
  assert.deepEqual(convertDeepSeekUsage(chat.usage), { inputTokens: 16, cacheReadTokens: 0, outputTokens: 10 });
  const usage = convertDeepSeekUsage(cacheHit.usage);
  assert.deepEqual(usage, { inputTokens: 57, cacheReadTokens: 1280, outputTokens: 138 });
  assert.equal(promptTokens(usage), cacheHit.usage.prompt_tokens);
});

test('deepseek-reasoner: reasoning is part of completion_tokens', () => {
  assert.deepEqual(convertDeepSeekUsage(reasoner.usage), {
    inputTokens: 13,
    cacheReadTokens: 0,
    outputTokens: 290,
    reasoningTokens: 237,
  });
});

test('hits + misses disagreeing with prompt_tokens: prompt_tokens is trusted', () => {
  // 100 prompt tokens but 70 hits + 50 misses: hits kept, misses are what remains.
  assert.deepEqual(
    convertDeepSeekUsage({ prompt_tokens: 100, completion_tokens: 1, prompt_cache_hit_tokens: 70, prompt_cache_miss_tokens: 50 }),
    { inputTokens: 30, cacheReadTokens: 70, outputTokens: 1 },
  );
  // More hits than the whole prompt: capped.
  assert.deepEqual(convertDeepSeekUsage({ prompt_tokens: 100, prompt_cache_hit_tokens: 130 }), {
    inputTokens: 0,
    cacheReadTokens: 100,
  });
  // Only misses reported: hits are the rest of the prompt.
  assert.deepEqual(convertDeepSeekUsage({ prompt_tokens: 100, prompt_cache_miss_tokens: 40 }), {
    inputTokens: 40,
    cacheReadTokens: 60,
  });
  // No prompt_tokens: hits + misses make the prompt.
  assert.deepEqual(convertDeepSeekUsage({ prompt_cache_hit_tokens: 64, prompt_cache_miss_tokens: 6 }), {
    inputTokens: 6,
    cacheReadTokens: 64,
  });
});

test('without hit/miss fields it converts like OpenAI Chat Completions', () => {
  assert.deepEqual(
    convertDeepSeekUsage({ prompt_tokens: 200, completion_tokens: 30, prompt_tokens_details: { cached_tokens: 128 } }),
    { inputTokens: 72, cacheReadTokens: 128, outputTokens: 30 },
  );
  assert.deepEqual(convertDeepSeekUsage(undefined), {});
});
