// GET /metrics after real traffic (SPEC §16): exact counters for requests and every token class.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sample } from '../../src/gateway/metrics/__fixtures__/sample.ts';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';
import { manualClock, sendSampleTraffic } from '../support/sample-traffic.ts';

let env: TestGateway;
let text: string;
let contentType: string | null;

before(async () => {
  const clock = manualClock('2026-03-01T00:00:00Z');
  env = await startTestGateway({ gateway: { clock } });
  await sendSampleTraffic(env, clock);
  const response = await fetch(`${env.url}/metrics`);
  assert.equal(response.status, 200);
  contentType = response.headers.get('content-type');
  text = await response.text();
});
after(() => env.close());

test('/metrics is Prometheus text exposition', () => {
  assert.match(contentType!, /^text\/plain; version=0\.0\.4/);
  for (const name of ['costops_requests_total', 'costops_tokens_total', 'costops_cost_usd_total']) assert.match(text, new RegExp(`# TYPE ${name} counter`));
  assert.match(text, /# TYPE costops_request_duration_seconds histogram/);
  assert.match(text, /# TYPE costops_in_flight_requests gauge/);
});

test('requests by provider, model and status', () => {
  const openai = (model: string, status: string) => sample(text, 'costops_requests_total', { provider: 'openai', model, status });
  assert.equal(openai('gpt-4o', 'ok'), 2);
  assert.equal(openai('gpt-4o', 'error'), 1);
  assert.equal(openai('gpt-4o-mini', 'ok'), 1);
  assert.equal(openai('o3-mini', 'ok'), 1);
  assert.equal(sample(text, 'costops_requests_total', { provider: 'local', model: 'my-local-model', status: 'ok' }), 1);
  assert.equal(sample(text, 'costops_in_flight_requests'), 0);
});

test('tokens by class: the ledger numbers (input is uncached, output includes reasoning)', () => {
  const tokens = (model: string, tokenClass: string) => sample(text, 'costops_tokens_total', { provider: 'openai', model, class: tokenClass });
  assert.equal(tokens('gpt-4o', 'input'), 1000 + 333);
  assert.equal(tokens('gpt-4o', 'output'), 500 + 77);
  assert.equal(tokens('gpt-4o-mini', 'input'), 2000 - 1024);
  assert.equal(tokens('gpt-4o-mini', 'cached_input'), 1024);
  assert.equal(tokens('o3-mini', 'input'), 1200 - 512);
  assert.equal(tokens('o3-mini', 'cached_input'), 512);
  assert.equal(tokens('o3-mini', 'output'), 900);
  assert.equal(tokens('o3-mini', 'reasoning'), 640);
});

test('cost for priced models only; duration observed per stream flag', () => {
  assert.equal(sample(text, 'costops_cost_usd_total', { provider: 'openai', model: 'gpt-4o' }), 0.0091025);
  assert.equal(sample(text, 'costops_cost_usd_total', { provider: 'local', model: 'my-local-model' }), undefined);
  assert.equal(sample(text, 'costops_request_duration_seconds_count', { provider: 'openai', model: 'gpt-4o', status: 'ok', stream: 'true' }), 1);
  assert.equal(sample(text, 'costops_request_duration_seconds_count', { provider: 'openai', model: 'gpt-4o', status: 'ok', stream: 'false' }), 1);
});
