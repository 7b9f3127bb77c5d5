import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promptTokens } from '../../core/usage/index.ts';
import { convertGeminiUsageMetadata } from './convert-usage-metadata.ts';
import imageCached from './__fixtures__/gemini-2.5-flash-image-cached.json' with { type: 'json' };
import toolUse from './__fixtures__/gemini-3.6-flash-tool-use.json' with { type: 'json' };
import tts from './__fixtures__/gemini-2.5-flash-tts.json' with { type: 'json' };

test('cached content is inside promptTokenCount; thoughts are outside candidatesTokenCount', () => {
  const usage = convertGeminiUsageMetadata(imageCached.usageMetadata);
  assert.deepEqual(usage, {
    inputTokens: 153, // 326 prompt − 173 cached
    inputAudioTokens: 0,
    inputImageTokens: 121, // 258 image in the prompt − 137 of them cached
    cacheReadTokens: 173,
    cacheReadAudioTokens: 0,
    outputTokens: 217, // 63 candidates + 154 thoughts
    reasoningTokens: 154,
  });
  assert.equal(promptTokens(usage), imageCached.usageMetadata.promptTokenCount);
});

test('tool-use prompt tokens are outside promptTokenCount and billed as input', () => {
  const metadata = toolUse.usageMetadata;
  const usage = convertGeminiUsageMetadata(metadata);
  assert.deepEqual(usage, {
    inputTokens: 144, // 55 prompt + 89 tool-use prompt
    inputAudioTokens: 0,
    inputImageTokens: 0,
    outputTokens: 107, // 51 candidates + 56 thoughts
    reasoningTokens: 56,
  });
  assert.equal(promptTokens(usage) + (usage.outputTokens ?? 0), metadata.totalTokenCount);
});

test('audio output from candidatesTokensDetails', () => {
  assert.deepEqual(convertGeminiUsageMetadata(tts.usageMetadata), {
    inputTokens: 9,
    inputAudioTokens: 0,
    inputImageTokens: 0,
    outputTokens: 451,
    outputAudioTokens: 451,
    outputImageTokens: 0,
  });
});

test('cached audio is cacheReadAudioTokens; only the uncached audio is inputAudioTokens', () => {
  assert.deepEqual(
    convertGeminiUsageMetadata({
      promptTokenCount: 1000,
      cachedContentTokenCount: 800,
      candidatesTokenCount: 20,
      promptTokensDetails: [
        { modality: 'TEXT', tokenCount: 100 },
        { modality: 'AUDIO', tokenCount: 900 },
      ],
      cacheTokensDetails: [{ modality: 'AUDIO', tokenCount: 800 }],
      candidatesTokensDetails: [{ modality: 'IMAGE', tokenCount: 20 }],
    }),
    {
      inputTokens: 200,
      inputAudioTokens: 100,
      inputImageTokens: 0,
      cacheReadTokens: 800,
      cacheReadAudioTokens: 800,
      outputTokens: 20,
      outputAudioTokens: 0,
      outputImageTokens: 20,
    },
  );
});

test('absent or empty modality lists are not reported; the counts cap their parts', () => {
  assert.deepEqual(
    convertGeminiUsageMetadata({
      promptTokenCount: 10,
      cachedContentTokenCount: 0,
      candidatesTokenCount: 20,
      toolUsePromptTokenCount: 0,
      thoughtsTokenCount: 0,
      totalTokenCount: 30,
      promptTokensDetails: [],
      cacheTokensDetails: [],
      candidatesTokensDetails: [],
    }),
    { inputTokens: 10, cacheReadTokens: 0, outputTokens: 20, reasoningTokens: 0 },
  );
  assert.deepEqual(
    convertGeminiUsageMetadata({
      promptTokenCount: 50,
      cachedContentTokenCount: 80,
      promptTokensDetails: [{ modality: 'AUDIO', tokenCount: 90 }],
    }),
    { inputTokens: 0, inputAudioTokens: 0, inputImageTokens: 0, cacheReadTokens: 50 },
  );
});

test('missing metadata converts to nothing reported', () => {
  assert.deepEqual(convertGeminiUsageMetadata(undefined), {});
  assert.deepEqual(convertGeminiUsageMetadata({ promptTokenCount: null, totalTokenCount: 12 }), {});
});
