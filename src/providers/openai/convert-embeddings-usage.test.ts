import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertOpenAIEmbeddingsUsage } from './convert-embeddings-usage.ts';
import embeddings from './__fixtures__/embeddings-text-embedding-3-small.json' with { type: 'json' };

test('embeddings: all tokens are uncached input, output is not reported', () => {
  assert.deepEqual(convertOpenAIEmbeddingsUsage(embeddings.usage), { inputTokens: 8 });
});

test('embeddings: total_tokens stands in for a missing prompt_tokens', () => {
  assert.deepEqual(convertOpenAIEmbeddingsUsage({ total_tokens: 12 }), { inputTokens: 12 });
  assert.deepEqual(convertOpenAIEmbeddingsUsage({ prompt_tokens: null }), {});
  assert.deepEqual(convertOpenAIEmbeddingsUsage(undefined), {});
});
