import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCatalog } from './__fixtures__/test-catalog.ts';
import { editDistance, suggestModels } from './suggest-models.ts';

test('edit distance', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('gpt-4o', 'gpt-4o'), 0);
});

test('suggestions are the closest names, one per model, best first', () => {
  const catalog = testCatalog();
  const three = suggestModels(catalog, 'gpt-4oo');
  assert.equal(three.length, 3);
  assert.equal(three[0], 'gpt-4o');
  assert.deepEqual(suggestModels(catalog, 'gpt-4o-2024-05-31', 2), ['gpt-4o-2024-05-13', 'gpt-4o-2024-08-06'], 'aliases are candidates too');
  assert.deepEqual(suggestModels(catalog, 'claude-sonet-4', 1), ['claude-sonnet-4']);
  assert.deepEqual(suggestModels(catalog, 'openai/gpt4o', 1), ['gpt-4o'], 'a provider prefix is ignored');
  assert.deepEqual(suggestModels(catalog, 'gpt-4o', 2, { provider: 'deepseek' }), ['deepseek-chat']);
});
