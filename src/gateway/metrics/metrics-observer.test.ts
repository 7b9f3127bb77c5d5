import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LedgerRow } from '../../core/ports/index.ts';
import { createGatewayMetrics } from './create-gateway-metrics.ts';
import { metricsObserver } from './metrics-observer.ts';
import { metricsRoutes } from './metrics-routes.ts';
import { sample } from './__fixtures__/sample.ts';

function row(overrides: Partial<LedgerRow>): LedgerRow {
  return {
    id: 'r1', operationId: 'op', attempt: 1, startedAt: new Date(0), endedAt: null, latencyMs: null, ttftMs: null,
    tenant: 'default', keyId: null, user: null, feature: null, project: null, env: null, conversation: null, tags: {},
    provider: 'openai', requestedModel: 'gpt-4o', model: 'gpt-4o', endpoint: 'chat.completions', stream: false, status: 'started',
    httpStatus: null, errorCode: null, inputTokens: null, cachedInputTokens: null, cacheWriteTokens: null, cacheWrite1hTokens: null,
    inputAudioTokens: null, outputTokens: null, reasoningTokens: null, outputAudioTokens: null, costUsd: null,
    counterfactualCostUsd: null, savingsUsd: null, priceId: null, usageSource: null, unpriced: false, cache: 'none', route: null,
    batchId: null, requestHash: null, requestBytes: null, responseBytes: null, reservedUsd: 0n,
    ...overrides,
  };
}

test('requests, tokens by class, cost, duration and in-flight follow the rows exactly', async () => {
  const metrics = createGatewayMetrics();
  const observer = metricsObserver(metrics);
  const settled = { status: 'ok' as const, latencyMs: 1500, inputTokens: 1000, cachedInputTokens: 200, cacheWriteTokens: null, outputTokens: 500, reasoningTokens: 120, costUsd: 7_500_000n };
  observer.started(row({ id: 'a' }));
  observer.started(row({ id: 'b', stream: true }));
  let text = await metrics.registry.metrics();
  assert.equal(sample(text, 'costops_in_flight_requests'), 2);
  observer.finished(row({ id: 'a', ...settled }));
  observer.finished(row({ id: 'b', stream: true, ...settled, latencyMs: 42_000 }));
  observer.finished(row({ id: 'c', status: 'error', httpStatus: 500, costUsd: 0n, latencyMs: 30 }));
  observer.finished(row({ id: 'a', ...settled })); // a second settle of a row never drives the gauge below zero
  text = await metrics.registry.metrics();
  const model = { provider: 'openai', model: 'gpt-4o' };
  assert.equal(sample(text, 'costops_in_flight_requests'), 0);
  assert.equal(sample(text, 'costops_requests_total', { ...model, status: 'ok' }), 3);
  assert.equal(sample(text, 'costops_requests_total', { ...model, status: 'error' }), 1);
  assert.equal(sample(text, 'costops_tokens_total', { ...model, class: 'input' }), 3000);
  assert.equal(sample(text, 'costops_tokens_total', { ...model, class: 'cached_input' }), 600);
  assert.equal(sample(text, 'costops_tokens_total', { ...model, class: 'output' }), 1500);
  assert.equal(sample(text, 'costops_tokens_total', { ...model, class: 'reasoning' }), 360);
  assert.equal(sample(text, 'costops_tokens_total', { ...model, class: 'cache_write' }), undefined); // not reported is not 0
  assert.equal(sample(text, 'costops_cost_usd_total', model), 0.0225);
  assert.equal(sample(text, 'costops_request_duration_seconds_count', { ...model, status: 'ok', stream: 'false' }), 2);
  assert.equal(sample(text, 'costops_request_duration_seconds_sum', { ...model, status: 'ok', stream: 'false' }), 3);
  assert.equal(sample(text, 'costops_request_duration_seconds_bucket', { ...model, status: 'ok', stream: 'true', le: '60' }), 1);
  assert.equal(sample(text, 'costops_request_duration_seconds_bucket', { ...model, status: 'ok', stream: 'true', le: '30' }), 0);
});

test('each gateway has its own registry; GET /metrics serves it with the registry content type', async () => {
  const first = createGatewayMetrics();
  const second = createGatewayMetrics();
  metricsObserver(first).finished(row({ id: 'x', status: 'ok' }));
  const response = await metricsRoutes(second.registry).request('/metrics');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), second.registry.contentType);
  const text = await response.text();
  assert.match(text, /# TYPE costops_requests_total counter/);
  assert.equal(sample(text, 'costops_requests_total', { provider: 'openai', model: 'gpt-4o', status: 'ok' }), undefined);
  assert.equal(sample(await first.registry.metrics(), 'costops_requests_total', { provider: 'openai', model: 'gpt-4o', status: 'ok' }), 1);
});

test('counts kept between reads of the registry reach it once: totals stay exact across scrapes', async () => {
  const metrics = createGatewayMetrics();
  const observer = metricsObserver(metrics);
  const model = { provider: 'openai', model: 'gpt-4o' };
  const settle = (id: string) => observer.finished(row({ id, status: 'ok', latencyMs: 10, inputTokens: 7, outputTokens: 0, costUsd: 100n }));
  settle('a');
  let text = await metrics.registry.metrics();
  assert.equal(sample(text, 'costops_requests_total', { ...model, status: 'ok' }), 1);
  text = await metrics.registry.metrics(); // a second read adds nothing
  assert.equal(sample(text, 'costops_requests_total', { ...model, status: 'ok' }), 1);
  assert.equal(sample(text, 'costops_tokens_total', { ...model, class: 'output' }), 0, 'reported as 0 is a 0 sample');
  settle('b');
  settle('c');
  observer.started(row({ id: 'd' }));
  text = await metrics.registry.metrics();
  assert.equal(sample(text, 'costops_requests_total', { ...model, status: 'ok' }), 3);
  assert.equal(sample(text, 'costops_tokens_total', { ...model, class: 'input' }), 21);
  assert.equal(sample(text, 'costops_cost_usd_total', model), 3e-7);
  assert.equal(sample(text, 'costops_request_duration_seconds_count', { ...model, status: 'ok', stream: 'false' }), 3);
  assert.equal(sample(text, 'costops_in_flight_requests'), 1);
});
