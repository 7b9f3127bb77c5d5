import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatUsd, sumNanos } from '../core/money/index.ts';
import type { UsageMetrics, UsageResult } from '../core/ports/index.ts';
import { openSqliteLedgerStore } from '../storage/index.ts';
import { USAGE_METRIC_FIELDS, usageToJson } from './usage-to-json.ts';
import { assertTotalIsSum } from './__fixtures__/assert-total-is-sum.ts';
import { usageToCsv } from './usage-to-csv.ts';

function metrics(overrides: Partial<UsageMetrics>): UsageMetrics {
  return {
    requests: 0, unpricedRequests: 0, costUsd: 0n, counterfactualCostUsd: 0n, savingsUsd: 0n,
    inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, inputAudioTokens: 0,
    outputTokens: 0, reasoningTokens: 0, outputAudioTokens: 0,
    ...overrides,
  };
}

const result: UsageResult = {
  data: [
    { group: { requestedModel: 'gpt-4o', 'tag.team': 'search' }, bucket: new Date('2026-03-01T00:00:00Z'), ...metrics({ requests: 2, costUsd: 9_007_199_254_740_993n, inputTokens: 1333, outputTokens: 577 }) },
    { group: { requestedModel: 'my-local', 'tag.team': null }, bucket: new Date('2026-03-01T00:00:00Z'), ...metrics({ requests: 1, unpricedRequests: 1, inputTokens: 50, outputTokens: 10 }) },
  ],
  total: metrics({ requests: 3, unpricedRequests: 1, costUsd: 9_007_199_254_740_993n, inputTokens: 1383, outputTokens: 587 }),
};

test('usageToJson: snake_case group names, ISO bucket, then the metrics in SPEC order', () => {
  const json = usageToJson(result);
  assert.deepEqual(Object.keys(json.data[0]!), ['requested_model', 'tag.team', 'bucket', ...USAGE_METRIC_FIELDS]);
  assert.deepEqual(json.data[0], {
    requested_model: 'gpt-4o', 'tag.team': 'search', bucket: '2026-03-01T00:00:00.000Z',
    requests: 2, cost_usd: '9007199.254740993', input_tokens: 1333, cached_input_tokens: 0, cache_write_tokens: 0,
    output_tokens: 577, reasoning_tokens: 0, unpriced_requests: 0, savings_usd: '0.000000000',
  });
});

test('usageToJson: a group with no priced request has cost null (unknown, not $0); the total keeps the priced sum', () => {
  const json = usageToJson(result);
  assert.equal(json.data[1]!.cost_usd, null);
  assert.equal(json.data[1]!['tag.team'], null);
  assert.equal(json.total.cost_usd, '9007199.254740993');
  assert.equal(json.total.unpriced_requests, 1);
  assert.equal(usageToJson({ data: [], total: metrics({}) }).total.cost_usd, '0.000000000');
});

test('usageToJson over a real store: total equals the sum of data to the nano-dollar', async () => {
  const store = await openSqliteLedgerStore({ path: ':memory:' });
  const start = Date.parse('2026-03-01T00:00:00Z');
  const costs = [1n, 999_999_999n, 9_007_199_254_740_993n, 123_456_789n, 7n, 333_333_333n];
  await Promise.all(costs.map(async (cost, index) => {
    const row = await store.open({ operationId: `op-${index}`, startedAt: new Date(start + index * 3_600_000 * 7), model: index % 2 ? 'a' : 'b', tags: index % 3 ? { team: 'x' } : {} });
    await store.finalize(row.id, { status: 'ok', costUsd: cost, inputTokens: index * 10, outputTokens: index, usageSource: 'provider' });
  }));
  const json = usageToJson(await store.usage({ groupBy: ['model', 'tag.team'], bucket: 'day' }));
  await store.close();
  assertTotalIsSum(json);
  assert.equal(json.total.cost_usd, formatUsd(sumNanos(costs))); // 9007200.711531122: past 2^53 nano-USD, still exact
  assert.equal(json.total.requests, costs.length);
});

test('usageToCsv: group columns, bucket, metrics; null as empty; no TOTAL record', () => {
  const csv = usageToCsv(usageToJson(result), { groupBy: ['requested_model', 'tag.team'], bucket: true });
  assert.equal(
    csv,
    'requested_model,tag.team,bucket,requests,cost_usd,input_tokens,cached_input_tokens,cache_write_tokens,output_tokens,reasoning_tokens,unpriced_requests,savings_usd\r\n' +
      'gpt-4o,search,2026-03-01T00:00:00.000Z,2,9007199.254740993,1333,0,0,577,0,0,0.000000000\r\n' +
      'my-local,,2026-03-01T00:00:00.000Z,1,,50,0,0,10,0,1,0.000000000\r\n',
  );
});
