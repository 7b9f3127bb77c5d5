import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatUsd } from '../core/money/index.ts';
import { calculateCost, findCatalogProvider, priceAt, resolveModel, suggestModels, type CostResult } from '../core/pricing/index.ts';
import type { Usage } from '../core/usage/index.ts';
import { GENAI_PRICES_SOURCE, GENAI_PROVIDERS, buildDefaultCatalog, loadCatalog } from './index.ts';

const catalog = loadCatalog();
const NOW = new Date('2026-07-24T12:00:00Z');

/** Cost of `usage` for `model` at `iso`, as a 9-decimal USD string (or the unpriced reason). */
function usd(model: string, usage: Usage, iso = NOW.toISOString(), options: { batch?: boolean; provider?: string } = {}): string {
  const price = priceAt(catalog, model, new Date(iso), options.provider === undefined ? {} : { provider: options.provider });
  const result: CostResult = calculateCost(usage, price, options);
  return result.status === 'priced' ? formatUsd(result.totalNanos) : `unpriced: ${result.reason}`;
}

test('gpt-4o: 1,000 in / 500 out = $0.0075, and $0.00375 through the Batch API', () => {
  const price = priceAt(catalog, 'gpt-4o', NOW);
  const result = calculateCost({ inputTokens: 1_000, outputTokens: 500 }, price);
  assert.equal(result.status === 'priced' && result.totalNanos, 7_500_000n);
  assert.equal(result.status === 'priced' && result.priceId, 'openai:gpt-4o@base');
  assert.equal(usd('gpt-4o', { inputTokens: 1_000, outputTokens: 500 }), '0.007500000');
  const batch = calculateCost({ inputTokens: 1_000, outputTokens: 500 }, price, { batch: true });
  assert.equal(batch.status === 'priced' && batch.totalNanos, 3_750_000n);
  assert.equal(usd('gpt-4o', { inputTokens: 1_000, outputTokens: 500 }, undefined, { batch: true }), '0.003750000');
});

test('claude-sonnet-4: 1,000 uncached + 2,000 cache-read in / 500 out = $0.0111', () => {
  const usage = { inputTokens: 1_000, cacheReadTokens: 2_000, outputTokens: 500 };
  const result = calculateCost(usage, priceAt(catalog, 'claude-sonnet-4-20250514', NOW));
  assert.equal(result.status, 'priced');
  if (result.status !== 'priced') return;
  assert.equal(result.totalNanos, 11_100_000n);
  assert.deepEqual([result.breakdown.input, result.breakdown.cacheRead, result.breakdown.output], [3_000_000n, 600_000n, 7_500_000n]);
  assert.equal(usd('claude-sonnet-4', usage), '0.011100000');
});

test('gemini-2.5-pro: 250,000 in / 1,000 out = $0.64 (the > 200k tier for input and output)', () => {
  assert.equal(usd('gemini-2.5-pro', { inputTokens: 250_000, outputTokens: 1_000 }), '0.640000000');
  assert.equal(usd('gemini-2.5-pro', { inputTokens: 150_000, outputTokens: 1_000 }), '0.197500000');
  assert.equal(usd('gemini-2.5-pro', { inputTokens: 150_000, cacheReadTokens: 100_000, outputTokens: 1_000 }), '0.415000000', 'cached tokens count toward the tier');
});

test('o3 is priced at the price in force when the request ran: 10/40 before 2025-06-10, 2/8 after', () => {
  const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
  assert.equal(usd('o3', usage, '2025-06-09T23:59:59Z'), '50.000000000');
  assert.equal(usd('o3', usage, '2025-06-10T00:00:00Z'), '10.000000000');
  assert.equal(priceAt(catalog, 'o3-2025-04-16', new Date('2025-05-01T00:00:00Z'))?.id, 'openai:o3@base');
  assert.equal(priceAt(catalog, 'o3', NOW)?.id, 'openai:o3@2025-06-10');
});

test('DeepSeek: standard price 00:30–16:30 UTC, the off-peak default outside it', () => {
  const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
  assert.equal(usd('deepseek-chat', usage, '2025-03-01T03:00:00Z'), '1.370000000');
  assert.equal(priceAt(catalog, 'deepseek-chat', new Date('2025-03-01T03:00:00Z'))?.id, 'deepseek:deepseek-chat@base~00:30-16:30');
  assert.equal(usd('deepseek-chat', usage, '2025-03-01T20:00:00Z'), '0.685000000');
  assert.equal(usd('deepseek-chat', usage, '2025-03-01T00:29:59Z'), '0.685000000');
  assert.equal(priceAt(catalog, 'deepseek-chat', new Date('2025-03-01T20:00:00Z'))?.id, 'deepseek:deepseek-chat@base');
});

test('DeepSeek V4: peak windows start with the 2026-08-17 price, not before', () => {
  const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
  // genai-prices itself applies the peak windows before 2026-08-17 too (its model comment, issue #582)
  assert.equal(usd('deepseek-v4-flash', usage, '2026-08-10T02:00:00Z'), '0.420000000');
  assert.equal(usd('deepseek-v4-flash', usage, '2026-08-20T02:00:00Z'), '1.760000000');
  assert.equal(usd('deepseek-v4-flash', usage, '2026-08-20T12:00:00Z'), '0.880000000');
  assert.equal(priceAt(catalog, 'deepseek-v4-flash', new Date('2026-08-20T07:00:00Z'))?.id, 'deepseek:deepseek-v4-flash@2026-08-17~06:00-10:00');
});

test('name resolution: snapshots, aliases, provider prefixes and hints', () => {
  const resolved = (name: string, provider?: string) => {
    const model = resolveModel(catalog, name, provider === undefined ? {} : { provider });
    return model && `${model.provider}:${model.model}`;
  };
  assert.equal(resolved('gpt-4o-2024-08-06'), 'openai:gpt-4o');
  assert.equal(resolved('gpt-4o-2024-05-13'), 'openai:gpt-4o-2024-05-13');
  assert.equal(resolved('openai/gpt-4o'), 'openai:gpt-4o');
  assert.equal(resolved('claude-sonnet-4-0'), 'anthropic:claude-sonnet-4-0');
  assert.equal(resolved('anthropic/claude-sonnet-4-20250514'), 'anthropic:claude-sonnet-4-0');
  assert.equal(resolved('claude-3-5-sonnet-latest'), 'anthropic:claude-3-5-sonnet');
  assert.equal(resolved('claude-3-5-haiku-20241022'), 'anthropic:claude-3-5-haiku-latest');
  assert.equal(resolved('google/gemini-2.5-pro'), 'google:gemini-2.5-pro');
  assert.equal(resolved('models/gemini-2.5-flash'), 'google:gemini-2.5-flash');
  assert.equal(resolved('gemini-2.5-pro', 'gemini'), 'google:gemini-2.5-pro');
  assert.equal(resolved('claude-sonnet-4@20250514', 'vertex_ai'), 'google:claude-4-sonnet');
  assert.equal(resolved('xai/grok-4'), 'x-ai:grok-4-0709');
  assert.equal(resolved('deepseek/deepseek-chat'), 'deepseek:deepseek-chat');
  assert.equal(resolved('mistral/mistral-large-latest'), 'mistral:mistral-large');
  assert.equal(resolved('llama-3.3-70b-versatile'), 'groq:llama-3.3-70b-versatile');
  assert.equal(resolved('together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo'), 'together:meta-llama/Llama-3.3-70B-Instruct-Turbo');
  assert.equal(resolved('seed-1-6-250915'), 'byteplus:seed-1-6');
  assert.equal(resolved('gpt-oss-120b', 'groq'), undefined, "groq names it openai/gpt-oss-120b");
  assert.equal(resolved('openai/gpt-oss-120b', 'groq'), 'groq:openai/gpt-oss-120b');
});

test('an unknown model is unpriced, never $0, with suggestions', () => {
  assert.equal(priceAt(catalog, 'gpt-4o-mnii', NOW), undefined);
  assert.equal(usd('gpt-4o-mnii', { inputTokens: 10, outputTokens: 10 }), 'unpriced: the catalog has no price for this model');
  assert.deepEqual(suggestModels(catalog, 'gpt-4o-mnii'), ['gpt-4o-mini', 'gpt-4.1-mini', 'gpt-5-mini']);
  assert.equal(suggestModels(catalog, 'claude-sonet-4')[0], 'claude-sonnet-4');
  assert.equal(suggestModels(catalog, 'gemini-2.5-prp')[0], 'gemini-2.5-pro');
  assert.equal(usd('gemma-3-27b-it', { inputTokens: 10 }), 'unpriced: google:gemma-3 has no input price (usage has 10 input tokens)', 'a dataset model without prices');
});

test('the catalog holds the chosen dataset providers plus the overlay, and is built once', () => {
  for (const { id } of GENAI_PROVIDERS) assert.ok(findCatalogProvider(catalog, id), id);
  assert.ok(findCatalogProvider(catalog, 'byteplus'));
  assert.equal(findCatalogProvider(catalog, 'openrouter'), undefined, 'aggregators are left out');
  assert.equal(loadCatalog(), catalog);
  assert.notEqual(buildDefaultCatalog(), catalog);
  assert.equal(priceAt(catalog, 'gpt-4o', NOW)?.source, GENAI_PRICES_SOURCE);
});

test('the source label names the installed genai-prices release', () => {
  const manifest = JSON.parse(readFileSync(new URL('../../node_modules/@pydantic/genai-prices/package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(GENAI_PRICES_SOURCE, `genai-prices@${manifest.version}`);
});
