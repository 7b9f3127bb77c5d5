import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens as o200kCount } from 'gpt-tokenizer/encoding/o200k_base';
import { countText } from './count-text.ts';
import { DEFAULT_TOKEN_FACTORS, lookupFactor, modelFamily } from './token-factors.ts';

test('OpenAI models: exact count with the model encoding', () => {
  assert.deepEqual(countText('tiktoken is great!', { model: 'gpt-4' }), { tokens: 6, exact: true, method: 'tokenizer', encoding: 'cl100k_base' });
  assert.deepEqual(countText('お誕生日おめでとう', { model: 'gpt-4o-mini' }), { tokens: 8, exact: true, method: 'tokenizer', encoding: 'o200k_base' });
  assert.equal(countText('', { model: 'gpt-4o' }).tokens, 0);
  assert.equal(countText('antidisestablishmentarianism', { model: 'text-davinci-003' }).tokens, 5);
});

test('text that looks like a special token is counted as plain text, like the API does', () => {
  const text = 'end marker: <|endoftext|>';
  assert.equal(countText(text, { model: 'gpt-4o' }).tokens, o200kCount(text, { disallowedSpecial: new Set() }));
});

test('other providers: o200k count × family factor, with method and expected error', () => {
  const text = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
  const base = o200kCount(text);
  const count = countText(text, { model: 'claude-3-5-haiku-20241022', provider: 'anthropic' });
  assert.equal(count.exact, false);
  assert.equal(count.method, 'ratio-estimate');
  assert.equal(count.encoding, 'o200k_base');
  assert.equal(count.estimate?.baseTokens, base);
  assert.equal(count.tokens, Math.round(base * DEFAULT_TOKEN_FACTORS.anthropic!.factor));
  assert.equal(count.expectedErrorPct, DEFAULT_TOKEN_FACTORS.anthropic!.expectedErrorPct);
  assert.match(count.estimate?.basis ?? '', /o200k/);
});

test('a hosted open model takes its maker’s factor, whatever the host', () => {
  assert.equal(countText('hi there', { model: 'llama-3.3-70b-versatile', provider: 'groq' }).estimate?.family, 'meta');
  assert.equal(countText('hi there', { model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', provider: 'together' }).estimate?.family, 'meta');
  assert.equal(countText('hi there', { model: 'deepseek-chat' }).estimate?.family, 'deepseek');
  assert.equal(countText('hi there', { model: 'some-new-model', provider: 'x-ai' }).estimate?.family, 'x-ai');
  assert.equal(countText('hi there', { model: 'mystery-1' }).estimate?.family, 'default');
  // gpt-oss has a public tokenizer, so it is exact even on another host
  assert.equal(countText('hi there', { model: 'openai/gpt-oss-120b', provider: 'groq' }).exact, true);
});

test('family resolution and the most specific factor entry', () => {
  assert.equal(modelFamily('gemini-2.5-flash'), 'google');
  assert.equal(modelFamily('mistral-large-latest'), 'mistral');
  assert.equal(modelFamily('grok-4'), 'x-ai');
  assert.equal(modelFamily('qwen3-235b'), 'qwen');
  assert.equal(modelFamily('whatever', 'vertex_ai'), 'google');
  const table = {
    ...DEFAULT_TOKEN_FACTORS,
    'anthropic/claude-opus-4': { factor: 1.3, expectedErrorPct: 4, basis: 'learned' },
    'anthropic/claude-opus-4-7': { factor: 1.5, expectedErrorPct: 3, basis: 'learned' },
  };
  assert.equal(lookupFactor(table, 'anthropic', 'claude-opus-4-7').factor, 1.5);
  assert.equal(lookupFactor(table, 'anthropic', 'claude-opus-4-1').factor, 1.3);
  assert.equal(lookupFactor(table, 'anthropic', 'claude-sonnet-4').factor, 1.2);
  assert.equal(lookupFactor({}, 'anthropic', 'claude-sonnet-4').factor, DEFAULT_TOKEN_FACTORS.default!.factor);
  assert.equal(countText('x '.repeat(100), { model: 'claude-opus-4-7', factors: table }).estimate?.factor, 1.5);
});
