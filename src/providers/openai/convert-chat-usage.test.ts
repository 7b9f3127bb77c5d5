import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promptTokens } from '../../core/usage/index.ts';
import { convertOpenAIChatUsage } from './convert-chat-usage.ts';
import plain from './__fixtures__/chat-gpt-4o.json' with { type: 'json' };
import cached from './__fixtures__/chat-gpt-4o-cached.json' with { type: 'json' };
import reasoning from './__fixtures__/chat-o3-mini-reasoning.json' with { type: 'json' };
import audio from './__fixtures__/chat-gpt-4o-audio.json' with { type: 'json' };
import streamChunks from './__fixtures__/chat-gpt-4o-mini-stream.chunks.json' with { type: 'json' };

test('plain gpt-4o: every reported detail is kept, zeros included', () => {
  assert.deepEqual(convertOpenAIChatUsage(plain.usage), {
    inputTokens: 19,
    inputAudioTokens: 0,
    cacheReadTokens: 0,
    outputTokens: 10,
    reasoningTokens: 0,
    outputAudioTokens: 0,
  });
});

test('cached_tokens are inside prompt_tokens: they are subtracted, never billed twice', () => {
  const usage = convertOpenAIChatUsage(cached.usage);
  assert.deepEqual(usage, {
    inputTokens: 86, // 2006 prompt − 1920 cached
    inputAudioTokens: 0,
    cacheReadTokens: 1920,
    outputTokens: 300,
    reasoningTokens: 0,
    outputAudioTokens: 0,
  });
  assert.equal(promptTokens(usage), cached.usage.prompt_tokens);
});

test('o-series: completion_tokens already include reasoning', () => {
  assert.deepEqual(convertOpenAIChatUsage(reasoning.usage), {
    inputTokens: 15,
    inputAudioTokens: 0,
    cacheReadTokens: 0,
    outputTokens: 851,
    reasoningTokens: 512,
    outputAudioTokens: 0,
  });
});

test('gpt-4o-audio-preview: audio in and out are parts of input and output', () => {
  assert.deepEqual(convertOpenAIChatUsage(audio.usage), {
    inputTokens: 183,
    inputAudioTokens: 156,
    cacheReadTokens: 0,
    outputTokens: 162,
    reasoningTokens: 0,
    outputAudioTokens: 128,
  });
});

test('cached audio: audio is uncached input unless it cannot fit there', () => {
  // 1000 prompt tokens, 900 cached, 300 audio: at most 100 audio tokens can be uncached.
  assert.deepEqual(
    convertOpenAIChatUsage({
      prompt_tokens: 1000,
      completion_tokens: 5,
      prompt_tokens_details: { cached_tokens: 900, audio_tokens: 300 },
    }),
    { inputTokens: 100, inputAudioTokens: 100, cacheReadTokens: 900, cacheReadAudioTokens: 200, outputTokens: 5 },
  );
  // Room for all of it in the uncached part: no cached audio is assumed.
  assert.deepEqual(
    convertOpenAIChatUsage({ prompt_tokens: 1000, prompt_tokens_details: { cached_tokens: 512, audio_tokens: 300 } }),
    { inputTokens: 488, inputAudioTokens: 300, cacheReadTokens: 512 },
  );
});

test('streaming: only the final chunk carries usage; null usage converts to nothing', () => {
  const converted = streamChunks.map((chunk) => convertOpenAIChatUsage(chunk.usage));
  assert.deepEqual(converted.slice(0, -1), [{}, {}, {}, {}]);
  assert.deepEqual(converted.at(-1), {
    inputTokens: 133,
    inputAudioTokens: 0,
    cacheReadTokens: 1024,
    outputTokens: 9,
    reasoningTokens: 0,
    outputAudioTokens: 0,
  });
});

test('cache writes (GPT-5.6+) are inside prompt_tokens too', () => {
  assert.deepEqual(
    convertOpenAIChatUsage({
      prompt_tokens: 5000,
      completion_tokens: 20,
      prompt_tokens_details: { cached_tokens: 3000, cache_write_tokens: 1500 },
    }),
    { inputTokens: 500, cacheReadTokens: 3000, cacheWrite5mTokens: 1500, outputTokens: 20 },
  );
});

test('missing fields stay unreported; bad numbers are ignored, never NaN or negative', () => {
  assert.deepEqual(convertOpenAIChatUsage(undefined), {});
  assert.deepEqual(convertOpenAIChatUsage(null), {});
  assert.deepEqual(convertOpenAIChatUsage({ completion_tokens: 7 }), { outputTokens: 7 });
  assert.deepEqual(
    convertOpenAIChatUsage({
      prompt_tokens: -3,
      completion_tokens: Number.NaN,
      prompt_tokens_details: null,
      completion_tokens_details: { reasoning_tokens: 1.5 },
    }),
    {},
  );
});

test('inconsistent details: the prompt total wins', () => {
  // cached_tokens larger than prompt_tokens: capped, uncached input is 0, not negative.
  assert.deepEqual(
    convertOpenAIChatUsage({
      prompt_tokens: 100,
      completion_tokens: 10,
      prompt_tokens_details: { cached_tokens: 150 },
      completion_tokens_details: { reasoning_tokens: 40, audio_tokens: 90 },
    }),
    { inputTokens: 0, cacheReadTokens: 100, outputTokens: 10, reasoningTokens: 10, outputAudioTokens: 10 },
  );
});
