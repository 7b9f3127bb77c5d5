import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatUsd } from '../core/money/index.ts';
import { isCostOpsError } from '../core/errors/index.ts';
import { calculateCost, priceAt, resolveModel, type CostResult } from '../core/pricing/index.ts';
import { loadCatalog } from './load-catalog.ts';
import { withOverrides } from './with-overrides.ts';

const base = loadCatalog();
const NOW = new Date('2026-07-24T12:00:00Z');
const usd = (result: CostResult) => (result.status === 'priced' ? formatUsd(result.totalNanos) : result.reason);

test('a config-only model is priced from config, with a fingerprinted price id', () => {
  const catalog = loadCatalog({ overrides: [{ model: 'my-finetune', provider: 'openai', input: 3.0, output: 12.0, cached_input: 1.5 }] });
  const price = priceAt(catalog, 'my-finetune', NOW)!;
  assert.equal(price.source, 'config');
  assert.match(price.id, /^openai:my-finetune@config-[0-9a-f]{8}$/);
  assert.equal(usd(calculateCost({ inputTokens: 1_000, cacheReadTokens: 1_000, outputTokens: 1_000 }, price)), '0.016500000');
  assert.equal(calculateCost({ inputTokens: 1 }, price, { batch: true }).status, 'unpriced', 'no batch price given');
  const edited = priceAt(loadCatalog({ overrides: [{ model: 'my-finetune', provider: 'openai', input: '3.5', output: 12 }] }), 'my-finetune', NOW)!;
  assert.notEqual(edited.id, price.id, 'a config edit is a new price id');
  assert.equal(priceAt(base, 'my-finetune', NOW), undefined, 'the default catalog is untouched');
});

test("overriding a known model replaces its token prices at every date and keeps the API's facts", () => {
  const catalog = withOverrides(base, [{ model: 'o3', provider: 'openai', input: '1', output: '4' }]);
  const before = priceAt(catalog, 'o3-2025-04-16', new Date('2025-01-01T00:00:00Z'))!;
  const after = priceAt(catalog, 'o3', NOW)!;
  assert.equal(before.id, after.id);
  assert.equal(usd(calculateCost({ inputTokens: 1_000_000, outputTokens: 1_000_000 }, after)), '5.000000000');
  assert.equal(after.batchDiscount, '0.5');
  assert.equal(after.maxOutputTokens, 100_000);
  assert.equal(after.contextWindow, 200_000);
  assert.equal(usd(calculateCost({ webSearches: 1 }, after)), '0.010000000', 'the per-search fee is kept');
  assert.equal(after.cacheRead, undefined, 'token prices not restated are not inherited');
});

test('a snapshot override is a separate model, searched first', () => {
  const catalog = withOverrides(base, [{ model: 'gpt-4o-2024-08-06', provider: 'openai', input: 2, output: 8, batch_input: 1, batch_output: 4 }]);
  assert.equal(resolveModel(catalog, 'gpt-4o-2024-08-06')?.model, 'gpt-4o-2024-08-06');
  assert.equal(resolveModel(catalog, 'gpt-4o')?.model, 'gpt-4o');
  const price = priceAt(catalog, 'gpt-4o-2024-08-06', NOW)!;
  assert.equal(usd(calculateCost({ inputTokens: 1_000_000, outputTokens: 1_000_000 }, price, { batch: true })), '5.000000000');
});

test('provider aliases and new providers', () => {
  const catalog = withOverrides(base, [
    { model: 'gemini-2.5-pro', provider: 'gemini', input: 1, output: 5, context_window: 2_000_000 },
    { model: 'llama-3.1-8b', provider: 'my-vllm', input: '0', output: '0' },
  ]);
  const gemini = priceAt(catalog, 'gemini-2.5-pro', NOW)!;
  assert.equal(gemini.provider, 'google');
  assert.equal(gemini.contextWindow, 2_000_000);
  assert.equal(gemini.maxOutputTokens, 65_536);
  const local = priceAt(catalog, 'llama-3.1-8b', NOW, { provider: 'my-vllm' })!;
  assert.equal(usd(calculateCost({ inputTokens: 100, outputTokens: 100 }, local)), '0.000000000', 'an explicit price of 0 is a price');
});

test('bad entries stop start-up with the key and the fix', () => {
  const fails = (override: unknown, pattern: RegExp) =>
    assert.throws(
      () => withOverrides(base, [override as never]),
      (error: unknown) => isCostOpsError(error) && error.code === 'invalid_config' && pattern.test(error.message),
    );
  fails({ model: 'x', provider: 'openai', input: 'cheap', output: 1 }, /^prices\[0\]\.input: .*e\.g\. 2\.5/);
  fails({ model: 'x', provider: 'openai', input: 1 }, /^prices\[0\]\.output is required/);
  fails({ model: 'x', provider: 'openai', input: -1, output: 1 }, /^prices\[0\]\.input/);
  fails({ model: '', provider: 'openai', input: 1, output: 1 }, /^prices\[0\]\.model is required/);
  fails({ model: 'x', input: 1, output: 1 }, /^prices\[0\]\.provider is required/);
  fails({ model: 'x', provider: 'openai', input: 1, output: 1, max_output_tokens: 1.5 }, /^prices\[0\]\.max_output_tokens/);
});
