import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRate } from '../core/money/index.ts';
import { isTieredRate } from '../core/pricing/index.ts';
import { convertGenaiModel } from './convert-genai-provider.ts';

test('conditional prices become dated versions and time-of-day variants anchored to their date', () => {
  const model = convertGenaiModel(
    'deepseek',
    {
      id: 'v4',
      match: { equals: 'v4' },
      context_window: 1_000_000,
      prices: [
        { prices: { input_mtok: 0.14, output_mtok: 0.28 } },
        { constraint: { start_date: '2026-08-17', type: 'start_date' }, prices: { input_mtok: 0.22, output_mtok: 0.66 } },
        { constraint: { start_time: '09:00:00+08:00', end_time: '12:00:00+08:00', type: 'time_of_date' }, prices: { input_mtok: 0.44, output_mtok: 1.32 } },
      ],
    },
    'genai-prices@0.1.8',
  );
  assert.deepEqual(
    model.versions.map((version) => version.id),
    ['deepseek:v4@base', 'deepseek:v4@2026-08-17', 'deepseek:v4@2026-08-17~01:00-04:00'],
  );
  assert.deepEqual(model.versions[2]!.timeOfDay, { startSecond: 3_600, endSecond: 14_400 });
  assert.ok(model.versions.every((version) => version.contextWindow === 1_000_000));
});

test('per-1M and per-1k prices, tiers, and dropped keys', () => {
  const model = convertGenaiModel(
    'perplexity',
    {
      id: 'm',
      match: { equals: 'm' },
      prices: {
        input_mtok: { base: 1.25, tiers: [{ start: 200_000, price: 2.5 }] },
        output_mtok: 0.135,
        web_searches_kcount: 5,
        requests_kcount: 12,
        audio_hours: 0.36,
        input_document_kpages: 1,
      },
    },
    'genai-prices@0.1.8',
  );
  const [price] = model.versions;
  assert.ok(price && price.input && isTieredRate(price.input));
  assert.equal(formatRate(price.input.base), '1.25');
  assert.equal(price.input.tiers[0]!.startTokens, 200_000);
  assert.equal(price.output && !isTieredRate(price.output) && formatRate(price.output), '0.135');
  assert.equal(price.webSearch && `${formatRate(price.webSearch)} per ${price.webSearch.per}`, '5 per 1000');
  assert.equal(price.request && `${formatRate(price.request)} per ${price.request.per}`, '12 per 1000');
  assert.deepEqual(Object.keys(price).sort(), ['effectiveFrom', 'id', 'input', 'model', 'output', 'provider', 'request', 'source', 'webSearch']);
});

test('an unknown constraint is a development error', () => {
  assert.throws(
    () => convertGenaiModel('p', { id: 'm', match: { equals: 'm' }, prices: [{ constraint: { weekday: 'sat' } as never, prices: {} }] }, 'genai-prices@0.1.8'),
    /unknown price constraint/,
  );
});
