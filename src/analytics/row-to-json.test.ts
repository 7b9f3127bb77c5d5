import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleRow } from './__fixtures__/sample-row.ts';
import { LEDGER_JSON_FIELDS, rowToJson } from './row-to-json.ts';

test('rowToJson: exactly the SPEC §7 fields in order, then request/response bytes', () => {
  const json = rowToJson(sampleRow());
  assert.deepEqual(Object.keys(json), [...LEDGER_JSON_FIELDS]);
  assert.deepEqual(LEDGER_JSON_FIELDS.slice(0, -2), [
    'id', 'operation_id', 'attempt', 'started_at', 'ended_at', 'latency_ms', 'ttft_ms', 'tenant', 'key_id', 'user', 'feature',
    'project', 'env', 'conversation', 'tags', 'provider', 'requested_model', 'model', 'endpoint', 'stream', 'status',
    'http_status', 'error_code', 'input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens',
    'reasoning_tokens', 'cost_usd', 'counterfactual_cost_usd', 'savings_usd', 'price_id', 'usage_source', 'unpriced',
    'cache', 'route', 'batch_id', 'request_hash',
  ]);
});

test('rowToJson: money as exact 9-decimal strings (beyond 2^53 too), times in ISO UTC', () => {
  const json = rowToJson(sampleRow());
  assert.equal(json.cost_usd, '0.000412500');
  assert.equal(json.counterfactual_cost_usd, '1000000000.000000001');
  assert.equal(json.savings_usd, '-0.000000005');
  assert.equal(json.started_at, '2026-03-01T09:10:00.000Z');
  assert.equal(json.ended_at, '2026-03-01T09:10:01.250Z');
  assert.deepEqual(json.tags, { team: 'search', tier: 'gold' });
  assert.equal(json.requested_model, 'gpt-4o-2024-08-06');
  assert.equal(json.stream, true);
});

test('rowToJson: unknown stays null — an unpriced row costs null, never "0"; zero stays "0.000000000"', () => {
  const unpriced = rowToJson(sampleRow({ unpriced: true, costUsd: null, counterfactualCostUsd: null, savingsUsd: null, endedAt: null, priceId: null }));
  assert.equal(unpriced.cost_usd, null);
  assert.equal(unpriced.counterfactual_cost_usd, null);
  assert.equal(unpriced.savings_usd, null);
  assert.equal(unpriced.ended_at, null);
  assert.equal(unpriced.unpriced, true);
  assert.equal(rowToJson(sampleRow({ costUsd: 0n })).cost_usd, '0.000000000');
});

test('rowToJson: the tags object is a copy (the row is not shared with the response)', () => {
  const row = sampleRow();
  rowToJson(row).tags.team = 'changed';
  assert.equal(row.tags.team, 'search');
});
