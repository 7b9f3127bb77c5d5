import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRate, formatUsd, type Rate } from '../core/money/index.ts';
import { calculateCost, compileMatchRule, isTieredRate, listModels, priceAt, rateForPrompt, type PriceRate } from '../core/pricing/index.ts';
import { loadCatalog } from './load-catalog.ts';
import { BATCH_DISCOUNTS } from './overlay/batch-discounts.ts';
import { CACHE_WRITE_1H_RULES } from './overlay/cache-write-1h.ts';
import { LONG_CONTEXT_TIERS } from './overlay/long-context-tiers.ts';
import { MODEL_LIMITS } from './overlay/model-limits.ts';

const catalog = loadCatalog();
const NOW = new Date('2026-07-24T12:00:00Z');
const known = new Set(listModels(catalog).map((model) => `${model.provider}:${model.model}`));
const flat = (rate: PriceRate | undefined): string | undefined => (rate && !isTieredRate(rate) ? formatRate(rate as Rate) : undefined);

test('every overlay entry names a model the catalog has (no silent typos)', () => {
  for (const rule of BATCH_DISCOUNTS) {
    for (const id of rule.models ?? []) assert.ok(known.has(`${rule.provider}:${id}`), `batch rule: ${rule.provider}:${id}`);
    if (rule.match) {
      const matches = compileMatchRule(rule.match);
      assert.ok(listModels(catalog, { provider: rule.provider }).some((model) => matches(model.model.toLowerCase())), `batch rule for ${rule.provider} matches nothing`);
    }
  }
  for (const limit of MODEL_LIMITS) assert.ok(known.has(`${limit.provider}:${limit.model}`), `limit: ${limit.provider}:${limit.model}`);
  for (const rule of LONG_CONTEXT_TIERS) assert.ok(known.has(`${rule.provider}:${rule.model}`), `tier: ${rule.provider}:${rule.model}`);
  for (const rule of CACHE_WRITE_1H_RULES) assert.ok(findProviderModels(rule.provider) > 0, rule.provider);
});

function findProviderModels(provider: string): number {
  return listModels(catalog, { provider }).length;
}

test('batch discounts come from the overlay, and only where a batch API exists', () => {
  const gpt4o = priceAt(catalog, 'gpt-4o', NOW)!;
  assert.equal(gpt4o.batchDiscount, '0.5');
  assert.deepEqual(gpt4o.overlay, ['batchDiscount', 'maxOutputTokens']);
  assert.equal(priceAt(catalog, 'claude-haiku-4-5', NOW)?.batchDiscount, '0.5');
  assert.equal(priceAt(catalog, 'gemini-2.5-flash', NOW)?.batchDiscount, '0.5');
  assert.equal(priceAt(catalog, 'gemini-2.5-pro-preview-tts', NOW)?.batchDiscount, undefined);
  assert.equal(priceAt(catalog, 'mistral-small-latest', NOW)?.batchDiscount, '0.5');
  assert.equal(priceAt(catalog, 'gpt-4o-realtime-preview', NOW)?.batchDiscount, undefined);
  assert.equal(priceAt(catalog, 'deepseek-chat', NOW)?.batchDiscount, undefined);
  const result = calculateCost({ inputTokens: 1_000 }, priceAt(catalog, 'deepseek-chat', NOW), { batch: true });
  assert.equal(result.status, 'unpriced');
});

test('1-hour cache writes: 2x input for Claude on Vertex, the dataset value kept where it has one', () => {
  const vertex = priceAt(catalog, 'claude-sonnet-4@20250514', NOW, { provider: 'google' })!;
  assert.equal(vertex.model, 'claude-4-sonnet');
  assert.equal(flat(vertex.cacheWrite1h), '6');
  assert.ok(vertex.overlay?.includes('cacheWrite1h'));
  const tiered = priceAt(catalog, 'claude-sonnet-4-5', NOW, { provider: 'google' })!.cacheWrite1h!;
  assert.ok(isTieredRate(tiered));
  assert.deepEqual([formatRate(tiered.base), formatRate(tiered.tiers[0]!.rate)], ['6', '12']);
  const direct = priceAt(catalog, 'claude-sonnet-4-0', NOW)!;
  assert.equal(formatRate(rateForPrompt(direct.cacheWrite1h!, 0)), '6');
  assert.ok(!direct.overlay?.includes('cacheWrite1h'), "Anthropic's own price comes from the dataset");
  const result = calculateCost({ inputTokens: 1_000, cacheWrite1hTokens: 1_000, outputTokens: 100 }, direct);
  assert.equal(result.status === 'priced' && formatUsd(result.totalNanos), '0.010500000');
});

test('Claude Sonnet 4 prompts over 200k tokens are billed at the long-context rates', () => {
  const price = priceAt(catalog, 'claude-sonnet-4-20250514', NOW)!;
  const short = calculateCost({ inputTokens: 200_000, outputTokens: 1_000 }, price);
  assert.equal(short.status === 'priced' && formatUsd(short.totalNanos), '0.615000000');
  const long = calculateCost({ inputTokens: 150_000, cacheReadTokens: 100_000, outputTokens: 1_000 }, price);
  assert.equal(long.status === 'priced' && formatUsd(long.totalNanos), '0.982500000', '150k × $6 + 100k × $0.60 + 1k × $22.50');
  assert.ok(price.overlay?.includes('input tier'));
});

test('limits fill gaps for popular models', () => {
  const limits = (name: string) => {
    const price = priceAt(catalog, name, NOW)!;
    return [price.contextWindow, price.maxOutputTokens];
  };
  assert.deepEqual(limits('gpt-4o'), [128_000, 16_384]);
  assert.deepEqual(limits('gpt-4.1'), [1_000_000, 32_768]);
  assert.deepEqual(limits('gpt-5'), [400_000, 128_000]);
  assert.deepEqual(limits('o3'), [200_000, 100_000]);
  assert.deepEqual(limits('o4-mini'), [200_000, 100_000]);
  assert.deepEqual(limits('claude-sonnet-4-20250514'), [200_000, 64_000]);
  assert.deepEqual(limits('claude-opus-4-20250514'), [200_000, 32_000]);
  assert.deepEqual(limits('claude-3-5-haiku-20241022'), [200_000, 8_192]);
  assert.deepEqual(limits('gemini-2.5-pro'), [1_048_576, 65_536]);
  assert.deepEqual(limits('gemini-2.5-flash'), [1_048_576, 65_536]);
  assert.deepEqual(limits('deepseek-chat'), [64_000, 8_192]);
});

test('BytePlus Seed 1.6 (USD list price, absent from the dataset) with its prompt-length tier', () => {
  const seed = priceAt(catalog, 'seed-1-6-250915', NOW)!;
  assert.equal(seed.source, 'costops-overlay');
  assert.equal(seed.id, 'byteplus:seed-1-6@base');
  const short = calculateCost({ inputTokens: 100_000, cacheReadTokens: 10_000, outputTokens: 1_000 }, seed);
  assert.equal(short.status === 'priced' && formatUsd(short.totalNanos), '0.027500000');
  const long = calculateCost({ inputTokens: 130_000, outputTokens: 1_000 }, seed);
  assert.equal(long.status === 'priced' && formatUsd(long.totalNanos), '0.069000000');
});
