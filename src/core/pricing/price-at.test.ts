import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mtok, testCatalog, version } from './__fixtures__/test-catalog.ts';
import { priceAt, priceVersionAt } from './price-at.ts';
import type { CatalogModel } from './price-catalog.ts';

const catalog = testCatalog();
const idAt = (name: string, iso: string) => priceAt(catalog, name, new Date(iso))?.id;

test('the latest version whose date has come', () => {
  assert.equal(idAt('o3', '2025-06-09T23:59:59Z'), 'openai:o3@base');
  assert.equal(idAt('o3', '2025-06-10T00:00:00Z'), 'openai:o3@2025-06-10');
  assert.equal(idAt('o3-2025-04-16', '2026-01-01T00:00:00Z'), 'openai:o3@2025-06-10');
  assert.equal(idAt('gpt-4o', '2020-01-01T00:00:00Z'), 'openai:gpt-4o@base');
  assert.equal(idAt('no-such-model', '2025-01-01T00:00:00Z'), undefined);
  assert.throws(() => priceAt(catalog, 'gpt-4o', new Date('nope')), /invalid time/);
});

test('time-of-day variants apply inside their UTC window, the plain price outside', () => {
  assert.equal(idAt('deepseek-chat', '2025-03-01T00:29:59Z'), 'deepseek:deepseek-chat@base');
  assert.equal(idAt('deepseek-chat', '2025-03-01T00:30:00Z'), 'deepseek:deepseek-chat@base~00:30-16:30');
  assert.equal(idAt('deepseek-chat', '2025-03-01T16:29:59Z'), 'deepseek:deepseek-chat@base~00:30-16:30');
  assert.equal(idAt('deepseek-chat', '2025-03-01T16:30:00Z'), 'deepseek:deepseek-chat@base');
});

test('windows wrap midnight, and are anchored to their date', () => {
  const model: CatalogModel = {
    provider: 'p',
    model: 'm',
    match: { equals: 'm' },
    versions: [
      version({ provider: 'p', model: 'm', effectiveFrom: null, input: mtok(1) }),
      version({ provider: 'p', model: 'm', effectiveFrom: '2026-08-17', input: mtok(2) }),
      version({ provider: 'p', model: 'm', effectiveFrom: '2026-08-17', timeOfDay: { startSecond: 79_200, endSecond: 3_600 }, input: mtok(4) }),
    ],
  };
  const at = (iso: string) => priceVersionAt(model, new Date(iso))?.id;
  assert.equal(at('2026-08-16T23:30:00Z'), 'p:m@base', 'the window does not exist before its date');
  assert.equal(at('2026-08-17T23:30:00Z'), 'p:m@2026-08-17~22:00-01:00');
  assert.equal(at('2026-08-18T00:59:59Z'), 'p:m@2026-08-17~22:00-01:00');
  assert.equal(at('2026-08-18T01:00:00Z'), 'p:m@2026-08-17');
});

test('before its first dated price, a model without a base gets its earliest price', () => {
  const model: CatalogModel = {
    provider: 'p',
    model: 'm',
    match: { equals: 'm' },
    versions: [
      version({ provider: 'p', model: 'm', effectiveFrom: '2025-01-01', input: mtok(1) }),
      version({ provider: 'p', model: 'm', effectiveFrom: '2025-06-01', input: mtok(2) }),
    ],
  };
  assert.equal(priceVersionAt(model, new Date('2024-01-01T00:00:00Z'))?.id, 'p:m@2025-01-01');
});
