import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configPriceId, priceId } from './price-id.ts';

test('price ids name one version', () => {
  assert.equal(priceId({ provider: 'openai', model: 'gpt-4o', effectiveFrom: null }), 'openai:gpt-4o@base');
  assert.equal(priceId({ provider: 'openai', model: 'o3', effectiveFrom: '2025-06-10' }), 'openai:o3@2025-06-10');
  assert.equal(
    priceId({ provider: 'deepseek', model: 'deepseek-v4-flash', effectiveFrom: '2026-08-17', timeOfDay: { startSecond: 3_600, endSecond: 14_400 } }),
    'deepseek:deepseek-v4-flash@2026-08-17~01:00-04:00',
  );
  assert.equal(priceId({ provider: 'p', model: 'm', effectiveFrom: null, timeOfDay: { startSecond: 45, endSecond: 86_399 } }), 'p:m@base~00:00:45-23:59:59');
});

test('config price ids change when the numbers change', () => {
  const a = configPriceId('openai', 'my-finetune', '3|12');
  assert.match(a, /^openai:my-finetune@config-[0-9a-f]{8}$/);
  assert.equal(configPriceId('openai', 'my-finetune', '3|12'), a);
  assert.notEqual(configPriceId('openai', 'my-finetune', '3|13'), a);
});
