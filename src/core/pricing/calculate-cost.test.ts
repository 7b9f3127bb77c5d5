import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatUsd, parseRate } from '../money/index.ts';
import { mtok, version } from './__fixtures__/test-catalog.ts';
import { calculateCost, type CostResult } from './calculate-cost.ts';
import type { ModelPrice } from './model-price.ts';

function priced(result: CostResult) {
  assert.equal(result.status, 'priced', result.status === 'unpriced' ? result.reason : '');
  if (result.status !== 'priced') throw new Error('unreachable');
  const sum = Object.values(result.breakdown).reduce((a, b) => a + b, 0n);
  assert.equal(sum, result.totalNanos, 'the total is the exact sum of the breakdown');
  return result;
}

const gpt4o = version({ provider: 'openai', model: 'gpt-4o', effectiveFrom: null, input: mtok(2.5), cacheRead: mtok(1.25), output: mtok(10), batchDiscount: '0.5' });
const sonnet = version({
  provider: 'anthropic',
  model: 'claude-sonnet-4-0',
  effectiveFrom: null,
  input: mtok(3),
  cacheRead: mtok('0.3'),
  cacheWrite5m: mtok('3.75'),
  cacheWrite1h: mtok(6),
  output: mtok(15),
  webSearch: parseRate(10, 1000),
  batchDiscount: '0.5',
});

test('input and output at their rates', () => {
  const result = priced(calculateCost({ inputTokens: 1_000, outputTokens: 500 }, gpt4o));
  assert.equal(result.totalNanos, 7_500_000n);
  assert.equal(formatUsd(result.totalNanos), '0.007500000');
  assert.deepEqual(result.breakdown, { input: 2_500_000n, cacheRead: 0n, cacheWrite5m: 0n, cacheWrite1h: 0n, output: 5_000_000n, webSearch: 0n });
  assert.equal(result.priceId, 'openai:gpt-4o@base');
  assert.deepEqual(result.fallbacks, []);
});

test('every Anthropic cache class and web searches', () => {
  const result = priced(
    calculateCost({ inputTokens: 100, cacheReadTokens: 2_000, cacheWrite5mTokens: 1_000, cacheWrite1hTokens: 1_000, outputTokens: 500, webSearches: 2 }, sonnet),
  );
  assert.deepEqual(result.breakdown, {
    input: 300_000n,
    cacheRead: 600_000n,
    cacheWrite5m: 3_750_000n,
    cacheWrite1h: 6_000_000n,
    output: 7_500_000n,
    webSearch: 20_000_000n,
  });
  assert.equal(formatUsd(result.totalNanos), '0.038150000');
});

test('tiers follow the whole prompt, cache included, and price input and output alike', () => {
  const pro = version({
    provider: 'google',
    model: 'gemini-2.5-pro',
    effectiveFrom: null,
    input: { base: mtok('1.25'), tiers: [{ startTokens: 200_000, rate: mtok('2.5') }] },
    cacheRead: { base: mtok('0.125'), tiers: [{ startTokens: 200_000, rate: mtok('0.25') }] },
    output: { base: mtok(10), tiers: [{ startTokens: 200_000, rate: mtok(15) }] },
  });
  assert.equal(priced(calculateCost({ inputTokens: 200_000, outputTokens: 1_000 }, pro)).totalNanos, 260_000_000n, 'exactly 200k is the base tier');
  assert.equal(priced(calculateCost({ inputTokens: 200_001, outputTokens: 1_000 }, pro)).totalNanos, 515_002_500n);
  const split = priced(calculateCost({ inputTokens: 150_000, cacheReadTokens: 100_000, outputTokens: 1_000 }, pro));
  assert.deepEqual([split.breakdown.input, split.breakdown.cacheRead, split.breakdown.output], [375_000_000n, 25_000_000n, 15_000_000n]);
});

test('reasoning is its own line at the output rate, unless the model prices it apart', () => {
  const o3 = version({ provider: 'openai', model: 'o3', effectiveFrom: '2025-06-10', input: mtok(2), output: mtok(8) });
  const result = priced(calculateCost({ inputTokens: 1_000, outputTokens: 500, reasoningTokens: 300 }, o3));
  assert.equal(result.breakdown.output, 1_600_000n);
  assert.equal(result.breakdown.reasoning, 2_400_000n);
  assert.equal(result.totalNanos, 6_000_000n);
  const deepResearch = version({ provider: 'perplexity', model: 'sonar-deep-research', effectiveFrom: null, input: mtok(2), output: mtok(8), reasoning: mtok(3) });
  assert.equal(priced(calculateCost({ outputTokens: 1_000, reasoningTokens: 1_000 }, deepResearch)).totalNanos, 3_000_000n);
});

test('audio and image subsets: own rate when there is one, else the text rate', () => {
  const realtime = version({
    provider: 'openai',
    model: 'gpt-realtime',
    effectiveFrom: null,
    input: mtok(4),
    cacheRead: mtok('0.4'),
    output: mtok(16),
    inputAudio: mtok(32),
    cacheReadAudio: mtok('0.4'),
    outputAudio: mtok(64),
  });
  const result = priced(
    calculateCost({ inputTokens: 1_000, inputAudioTokens: 600, inputImageTokens: 100, cacheReadTokens: 500, cacheReadAudioTokens: 500, outputTokens: 300, outputAudioTokens: 200 }, realtime),
  );
  assert.equal(result.breakdown.inputAudio, 19_200_000n);
  assert.equal(result.breakdown.input, 1_600_000n, 'text + the image subset, which has no rate of its own');
  assert.equal(result.breakdown.inputImage, undefined);
  assert.equal(result.breakdown.cacheReadAudio, 200_000n);
  assert.equal(result.breakdown.cacheRead, 0n);
  assert.equal(result.breakdown.outputAudio, 12_800_000n);
  assert.equal(result.breakdown.output, 1_600_000n);
});

test('batch: the discount applies to token classes, not to per-search fees', () => {
  const batch = priced(calculateCost({ inputTokens: 1_000, outputTokens: 500 }, gpt4o, { batch: true }));
  assert.equal(formatUsd(batch.totalNanos), '0.003750000');
  assert.equal(batch.batch, true);
  const withSearch = priced(calculateCost({ inputTokens: 1_000, cacheReadTokens: 1_000, outputTokens: 100, webSearches: 1 }, sonnet, { batch: true }));
  assert.deepEqual([withSearch.breakdown.input, withSearch.breakdown.cacheRead, withSearch.breakdown.output, withSearch.breakdown.webSearch], [1_500_000n, 150_000n, 750_000n, 10_000_000n]);
});

test('batch: explicit batch prices win; classes without one keep the full price, noted', () => {
  const configured: ModelPrice = { ...version({ provider: 'openai', model: 'ft', effectiveFrom: null, input: mtok(3), cacheRead: mtok('1.5'), output: mtok(12) }), batchRates: { input: mtok('1.5'), output: mtok(6) } };
  const result = priced(calculateCost({ inputTokens: 1_000, cacheReadTokens: 1_000, outputTokens: 1_000 }, configured, { batch: true }));
  assert.deepEqual([result.breakdown.input, result.breakdown.cacheRead, result.breakdown.output], [1_500_000n, 1_500_000n, 6_000_000n]);
  assert.deepEqual(result.fallbacks, ['cache read: no batch price, billed at the full price']);
});

test('documented fallbacks: cache reads and 5-minute writes without a price are billed as input', () => {
  const plain = version({ provider: 'groq', model: 'llama', effectiveFrom: null, input: mtok('0.59'), output: mtok('0.79') });
  const result = priced(calculateCost({ inputTokens: 1_000, cacheReadTokens: 1_000, cacheWrite5mTokens: 1_000 }, plain));
  assert.equal(result.totalNanos, 1_770_000n);
  assert.equal(result.fallbacks.length, 2);
});

test('unpriced, never 0: unknown model, missing class, no batch API, bad usage', () => {
  const unpriced = (result: CostResult, pattern: RegExp) => {
    assert.equal(result.status, 'unpriced');
    if (result.status === 'unpriced') assert.match(result.reason, pattern);
  };
  unpriced(calculateCost({ inputTokens: 10 }, undefined), /no price for this model/);
  unpriced(calculateCost({ cacheWrite1hTokens: 10 }, gpt4o), /no 1-hour cache write price/);
  unpriced(calculateCost({ webSearches: 1 }, gpt4o), /no web-search price/);
  const embedding = version({ provider: 'openai', model: 'text-embedding-3-small', effectiveFrom: null, input: mtok('0.02') });
  unpriced(calculateCost({ inputTokens: 10, outputTokens: 1 }, embedding), /no output price/);
  priced(calculateCost({ inputTokens: 10, outputTokens: 0 }, embedding));
  unpriced(calculateCost({ inputTokens: 10 }, version({ provider: 'x', model: 'free', effectiveFrom: null })), /no input price/);
  const deepseek = version({ provider: 'deepseek', model: 'deepseek-chat', effectiveFrom: null, input: mtok('0.27'), output: mtok('1.1') });
  unpriced(calculateCost({ inputTokens: 10 }, deepseek, { batch: true }), /no batch API/);
  unpriced(calculateCost({ inputTokens: 1.5 }, gpt4o), /not a non-negative integer/);
  unpriced(calculateCost({ inputTokens: -1 }, gpt4o), /not a non-negative integer/);
  unpriced(calculateCost({ outputTokens: 10, reasoningTokens: 11 }, gpt4o), /exceed outputTokens/);
  const result = calculateCost({ cacheWrite1hTokens: 10 }, gpt4o);
  assert.equal(result.status === 'unpriced' && result.priceId, 'openai:gpt-4o@base');
});

test('a per-request fee is charged once per request', () => {
  const sonar = version({ provider: 'perplexity', model: 'sonar', effectiveFrom: null, input: mtok(1), output: mtok(1), request: parseRate(12, 1000) });
  const result = priced(calculateCost({ inputTokens: 1_000, outputTokens: 1_000 }, sonar));
  assert.equal(result.breakdown.request, 12_000_000n);
  assert.equal(formatUsd(result.totalNanos), '0.014000000');
});

test('sub-nano prices round once per class, halves away from zero', () => {
  const cheap = version({ provider: 'p', model: 'tiny', effectiveFrom: null, input: mtok('0.0005'), cacheRead: mtok('0.0028'), output: mtok('0.0004') });
  const one = priced(calculateCost({ inputTokens: 1, cacheReadTokens: 1, outputTokens: 1 }, cheap));
  assert.deepEqual([one.breakdown.input, one.breakdown.cacheRead, one.breakdown.output], [1n, 3n, 0n], '0.5 → 1, 2.8 → 3, 0.4 → 0 nano');
  const many = priced(calculateCost({ inputTokens: 1_000_000, cacheReadTokens: 1_000_000, outputTokens: 1_000_000 }, cheap));
  assert.deepEqual([many.breakdown.input, many.breakdown.cacheRead, many.breakdown.output], [500_000n, 2_800_000n, 400_000n]);
});
