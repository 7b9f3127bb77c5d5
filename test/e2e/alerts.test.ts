// Alerts through a real gateway (SPEC §13): traffic from the official OpenAI SDK against the fake
// upstream triggers rules; deliveries go to local webhook receivers — one that answers, one that
// hangs — in the background, and the history is read back through the admin API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startWebhookReceiver, type WebhookReceiver } from '../../src/gateway/alerts/__fixtures__/webhook-receiver.ts';
import type { AlertRecordJson } from '../../src/gateway/alerts/index.ts';
import { failWith } from '../support/fake-upstream/index.ts';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';

const TIMEOUT_MS = 500;
const ATTEMPTS = 3;

let env: TestGateway;
let client: OpenAI;
let answering: WebhookReceiver;
let hanging: WebhookReceiver;

before(async () => {
  answering = await startWebhookReceiver();
  hanging = await startWebhookReceiver();
  hanging.script(() => 'hang');
  env = await startTestGateway({
    config: {
      alerts: [
        { name: 'chat-daily', kind: 'cost_over_window', window: 'day', threshold_usd: '0.01', scope: { feature: 'chat' }, channel: { webhook: `${answering.url}/hook` } },
        { name: 'flaky', kind: 'error_rate', threshold_pct: 50, min_requests: 4, scope: { feature: 'flaky' }, channel: { slack: `${answering.url}/slack` } },
        { name: 'slow-hook', kind: 'request_cost', threshold_usd: '0.000000001', cooldown_s: 0, scope: { feature: 'hang' }, channel: { webhook: `${hanging.url}/hook` } },
      ],
    },
    gateway: { alertDelivery: { timeoutMs: TIMEOUT_MS, maxAttempts: ATTEMPTS, baseDelayMs: 20, maxDelayMs: 50 } },
  });
  client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: 'client-key', maxRetries: 0 });
});
after(async () => {
  await env.close();
  await answering.close();
  await hanging.close();
});

/** One chat request with a feature header; resolves with its latency in ms. */
async function chat(feature: string, fail = false): Promise<number> {
  env.fake.script(fail ? failWith(500, { message: 'upstream broke' }) : { usage: { promptTokens: 1000, outputTokens: 500 } });
  const started = performance.now();
  try {
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-costops-feature': feature } });
  } catch (error) {
    if (!fail || !(error instanceof OpenAI.APIError)) throw error;
  }
  return performance.now() - started;
}

async function alerts(query: string): Promise<AlertRecordJson[]> {
  const response = await fetch(`${env.url}/api/alerts?${query}`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { data: AlertRecordJson[] }).data;
}

test('cost_over_window from real traffic: one webhook message when the day\'s spend crosses, with a dashboard link', async () => {
  // gpt-4o at 1000 in / 500 out = $0.0075 a request: the second request crosses $0.01.
  for (let index = 0; index < 4; index++) await chat('chat');
  await chat('search');
  const [call] = await answering.waitForCalls(1);
  await env.gateway.alerts.idle();
  assert.equal(answering.calls.length, 1);
  assert.equal(call!.path, '/hook');
  assert.deepEqual([call!.body.rule, call!.body.kind, call!.body.value, call!.body.threshold], ['chat-daily', 'cost_over_window', '0.015000000', '0.010000000']);
  assert.deepEqual(call!.body.scope, { feature: 'chat' });
  assert.ok(call!.body.link.startsWith(`${env.url}/?feature=chat&since=`), call!.body.link);
  const [record] = await alerts('rule=chat-daily');
  assert.deepEqual([record!.id, record!.status, record!.attempts], [call!.body.id, 'sent', 1]);
});

test('error_rate from real upstream failures: a Slack message once half of 4 requests failed', async () => {
  answering.calls.length = 0;
  await chat('flaky');
  await chat('flaky', true);
  await chat('flaky');
  assert.equal(answering.calls.length, 0);
  await chat('flaky', true);
  const [call] = await answering.waitForCalls(1);
  assert.equal(call!.path, '/slack');
  assert.match(call!.body.text, /^flaky: 50% of 4 requests failed this hour \(threshold 50%\) for feature=flaky$/);
  assert.equal(call!.body.blocks.length, 4);
});

test('a receiver that hangs never slows requests; its deliveries end failed after every retry timed out', async () => {
  const baseline = [];
  for (let index = 0; index < 3; index++) baseline.push(await chat('warm-up'));
  const latencies = [];
  for (let index = 0; index < 8; index++) latencies.push(await chat('hang'));
  // Each request triggered a delivery that will take ATTEMPTS × TIMEOUT_MS; none of that is on the request path.
  assert.ok(hanging.calls.length >= 1, 'deliveries were under way while the requests ran');
  assert.equal((await alerts('rule=slow-hook&status=failed')).length, 0, 'still being retried');
  const slowest = Math.max(...latencies);
  assert.ok(slowest < TIMEOUT_MS / 2, `slowest request ${slowest.toFixed(1)} ms (baseline ${Math.max(...baseline).toFixed(1)} ms) while the receiver hangs`);

  const deadline = performance.now() + 10_000;
  let failed: AlertRecordJson[] = [];
  while (performance.now() < deadline && failed.length < 8) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    failed = await alerts('rule=slow-hook&status=failed');
  }
  assert.equal(failed.length, 8);
  for (const record of failed) {
    assert.equal(record.attempts, ATTEMPTS);
    assert.equal(record.last_error, `no answer within ${TIMEOUT_MS} ms`);
    assert.equal(record.attempt_log.length, ATTEMPTS);
    assert.equal(record.target, hanging.url);
  }
  assert.equal(hanging.calls.length, 8 * ATTEMPTS);
});

test('POST /api/alerts/test through the gateway, then GET /api/alerts lists it first', async () => {
  answering.calls.length = 0;
  const response = await fetch(`${env.url}/api/alerts/test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rule: 'chat-daily' }) });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { status: string; deliveries: AlertRecordJson[] };
  assert.equal(body.status, 'sent');
  assert.equal(answering.calls.length, 1);
  assert.equal(answering.calls[0]!.body.kind, 'test');
  const [latest] = await alerts('limit=1');
  assert.deepEqual([latest!.id, latest!.kind, latest!.status], [body.deliveries[0]!.id, 'test', 'sent']);
});
