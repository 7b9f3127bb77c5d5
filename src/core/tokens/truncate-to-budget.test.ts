import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomText } from './__fixtures__/random-text.ts';
import { countText } from './count-text.ts';
import { DEFAULT_TRUNCATION_MARKER, truncateToBudget } from './truncate-to-budget.ts';

const count = (text: string, model = 'gpt-4o') => countText(text, { model }).tokens;

test('head, tail and middle results really fit, on random mixed text and budgets', () => {
  for (let seed = 1; seed <= 25; seed++) {
    const text = randomText(seed, 50 + seed * 20);
    for (const maxTokens of [1, 2, 3, 7, 16, 61, 200]) {
      const head = truncateToBudget(text, maxTokens, { model: 'gpt-4o' });
      const tail = truncateToBudget(text, maxTokens, { model: 'gpt-4o', keep: 'tail' });
      const middle = truncateToBudget(text, maxTokens, { model: 'gpt-4o', keep: 'middle' });
      const label = `seed ${seed}, ${maxTokens} tokens`;
      for (const result of [head, tail, middle]) assert.ok(count(result) <= maxTokens, label);
      assert.ok(text.startsWith(head), label);
      assert.ok(text.endsWith(tail), label);
      // nearly full: a cut costs at most a few tokens (a split character or a re-merged boundary)
      if (count(text) > maxTokens) assert.ok(count(head) >= maxTokens - 3 && count(tail) >= maxTokens - 3, label);
    }
  }
});

test('middle keeps both ends around a marker whose tokens count', () => {
  const text = randomText(7, 400);
  const result = truncateToBudget(text, 60, { model: 'gpt-4o', keep: 'middle' });
  const at = result.indexOf(DEFAULT_TRUNCATION_MARKER);
  assert.ok(at > 0);
  assert.ok(text.startsWith(result.slice(0, at)));
  assert.ok(text.endsWith(result.slice(at + DEFAULT_TRUNCATION_MARKER.length)));
  assert.ok(count(result) <= 60 && count(result) >= 55);
  const custom = truncateToBudget(text, 60, { model: 'gpt-4o', keep: 'middle', marker: ' [... cut ...] ' });
  assert.ok(custom.includes(' [... cut ...] ') && count(custom) <= 60);
});

test('text that fits comes back unchanged; no budget gives an empty string', () => {
  assert.equal(truncateToBudget('hello world', 2, { model: 'gpt-4o' }), 'hello world');
  assert.equal(truncateToBudget('hello world', 0), '');
  assert.equal(truncateToBudget('', 10), '');
});

test('other encodings and estimated models', () => {
  const text = randomText(3, 300);
  assert.ok(count(truncateToBudget(text, 50, { model: 'gpt-4' }), 'gpt-4') <= 50);
  const claude = truncateToBudget(text, 50, { model: 'claude-sonnet-4-5', keep: 'tail' });
  assert.ok(countText(claude, { model: 'claude-sonnet-4-5' }).tokens <= 50);
  assert.ok(count(truncateToBudget(text, 50)) <= 50); // no model: o200k_base
});
