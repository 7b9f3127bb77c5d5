import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertGeminiUsageMetadata, type GeminiUsageMetadata } from './convert-usage-metadata.ts';
import { mergeGeminiStreamUsageMetadata } from './merge-stream-usage-metadata.ts';
import chunks from './__fixtures__/gemini-3-pro-preview-stream.chunks.json' with { type: 'json' };

test('stream: every chunk repeats cumulative usage, so the last one counts and nothing is summed', () => {
  let metadata: GeminiUsageMetadata | undefined;
  for (const chunk of chunks) metadata = mergeGeminiStreamUsageMetadata(metadata, chunk.usageMetadata);
  assert.deepEqual(convertGeminiUsageMetadata(metadata), {
    inputTokens: 9, // not 3 × 9
    inputAudioTokens: 0,
    inputImageTokens: 0,
    outputTokens: 285, // 29 candidates + 256 thoughts, not (10 + 29 + 29) + 3 × 256
    reasoningTokens: 256,
  });
});

test('stream: a chunk without usageMetadata, or with fields missing, keeps what came before', () => {
  const first: GeminiUsageMetadata = { promptTokenCount: 40, candidatesTokenCount: 3, thoughtsTokenCount: 100 };
  let merged = mergeGeminiStreamUsageMetadata(undefined, first);
  merged = mergeGeminiStreamUsageMetadata(merged, undefined);
  merged = mergeGeminiStreamUsageMetadata(merged, { promptTokenCount: 40, candidatesTokenCount: 12, thoughtsTokenCount: null });
  assert.deepEqual(merged, { promptTokenCount: 40, candidatesTokenCount: 12, thoughtsTokenCount: 100 });
  assert.equal(first.candidatesTokenCount, 3);
});
