import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCatalog } from './__fixtures__/test-catalog.ts';
import { resolveModel } from './resolve-model.ts';

const catalog = testCatalog();
const resolved = (name: string, provider?: string) => {
  const model = resolveModel(catalog, name, provider === undefined ? {} : { provider });
  return model && `${model.provider}:${model.model}`;
};

test('canonical ids, snapshots and aliases', () => {
  assert.equal(resolved('gpt-4o'), 'openai:gpt-4o');
  assert.equal(resolved('  GPT-4o '), 'openai:gpt-4o');
  assert.equal(resolved('gpt-4o-2024-08-06'), 'openai:gpt-4o');
  assert.equal(resolved('gpt-4o-2024-05-13'), 'openai:gpt-4o-2024-05-13', 'a snapshot with its own price keeps it');
  assert.equal(resolved('claude-sonnet-4'), 'anthropic:claude-sonnet-4-0');
  assert.equal(resolved('claude-sonnet-4-20250514'), 'anthropic:claude-sonnet-4-0');
  assert.equal(resolved('claude-sonnet-4@20250514'), 'anthropic:claude-sonnet-4-0');
});

test('provider prefixes and the Gemini resource prefix', () => {
  assert.equal(resolved('openai/gpt-4o'), 'openai:gpt-4o');
  assert.equal(resolved('anthropic/claude-sonnet-4'), 'anthropic:claude-sonnet-4-0');
  assert.equal(resolved('models/gemini-2.5-pro'), 'google:gemini-2.5-pro');
  assert.equal(resolved('gemini/gemini-2.5-pro'), 'google:gemini-2.5-pro', 'an alias works as a prefix');
  assert.equal(resolved('models/gemini-2.5-pro', 'google'), 'google:gemini-2.5-pro');
});

test('a provider hint decides between hosts of the same model', () => {
  assert.equal(resolved('gpt-oss-120b'), 'openai:gpt-oss-120b');
  assert.equal(resolved('openai/gpt-oss-120b'), 'openai:gpt-oss-120b', 'without a hint the vendor named by the prefix wins');
  assert.equal(resolved('openai/gpt-oss-120b', 'groq'), 'groq:openai/gpt-oss-120b');
  assert.equal(resolved('openai/gpt-oss-120b', 'openai'), 'openai:gpt-oss-120b');
  assert.equal(resolved('gpt-4o', 'anthropic'), undefined, 'the hint restricts the search');
  assert.equal(resolved('gpt-4o', 'my-local-vllm'), undefined, 'an unknown provider prices nothing');
  assert.equal(resolved('claude-sonnet-4', 'vertex_ai'), 'anthropic:claude-sonnet-4-0', "through Google's fallback providers");
});

test('a newer dated snapshot or -latest falls back to its family, unknown names to nothing', () => {
  assert.equal(resolved('gpt-4o-2099-01-01'), 'openai:gpt-4o');
  assert.equal(resolved('gpt-4o-20990101'), 'openai:gpt-4o');
  assert.equal(resolved('gpt-4o-latest'), 'openai:gpt-4o');
  assert.equal(resolved('gpt-4o-20991345'), undefined, 'not a calendar date');
  assert.equal(resolved('gpt-4o-mnii'), undefined);
  assert.equal(resolved(''), undefined);
});
