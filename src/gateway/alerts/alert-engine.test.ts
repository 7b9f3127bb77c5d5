// The alert engine with real stores (SQLite ledger and history) against a local webhook receiver.
import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertHistoryStore, LedgerRow, LedgerStore } from '../../core/ports/index.ts';
import { dollars, settledRow } from '../../core/alerts/__fixtures__/settled-row.ts';
import { openSqliteAlertHistoryStore, openSqliteLedgerStore } from '../../storage/index.ts';
import { validateConfig } from '../config/index.ts';
import { startWebhookReceiver, type WebhookReceiver } from './__fixtures__/webhook-receiver.ts';
import { createAlertEngine, type AlertEngine, type AlertEngineDeps } from './alert-engine.ts';

const PUBLIC_URL = 'http://127.0.0.1:4000';
const NOW = new Date('2026-03-01T15:00:00.000Z');
const clock = { now: () => NOW };
const FAST = { timeoutMs: 300, maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40 };

const root = mkdtempSync(join(tmpdir(), 'costops-alert-engine-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = () => join(root, `run-${++counter}`, 'costops.db');

let receiver: WebhookReceiver;
let ledger: LedgerStore;
let history: AlertHistoryStore;
let engines: AlertEngine[] = [];

before(async () => (receiver = await startWebhookReceiver()));
after(() => receiver.close());
beforeEach(async () => {
  receiver.calls.length = 0;
  receiver.script(() => 200);
  const path = freshPath();
  ledger = await openSqliteLedgerStore({ path });
  history = await openSqliteAlertHistoryStore({ path });
});
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  await history.close();
  await ledger.close();
});

/** An engine over `config` (alerts and budgets as written in costops.config.yaml), seeded and started. */
async function engineFor(config: Record<string, unknown>, overrides: Partial<AlertEngineDeps> = {}): Promise<AlertEngine> {
  const engine = createAlertEngine({ config: validateConfig(config), clock, history, ledger, delivery: FAST, ...overrides });
  engines.push(engine);
  await engine.seed();
  engine.start(PUBLIC_URL);
  return engine;
}

const hook = (path = '/hook') => ({ webhook: `${receiver.url}${path}` });

test('cost_over_window: exactly one message per threshold crossing, delivered at once, with the documented payload', async () => {
  const engine = await engineFor({ alerts: [{ name: 'chat-daily', kind: 'cost_over_window', window: 'day', threshold_usd: 1, scope: { feature: 'chat' }, channel: hook() }] });
  const triggeredAt = performance.now();
  for (let index = 0; index < 10; index++) engine.finished(settledRow({ costUsd: dollars(0.3), feature: 'chat', startedAt: NOW }));
  engine.finished(settledRow({ costUsd: dollars(5), feature: 'search', startedAt: NOW }));
  const [call] = await receiver.waitForCalls(1);
  assert.ok(call!.at - triggeredAt < 1000, `delivered ${Math.round(call!.at - triggeredAt)} ms after the crossing (SPEC: within 5 s)`);
  await engine.idle();
  assert.equal(receiver.calls.length, 1);
  assert.equal(call!.path, '/hook');
  assert.equal(call!.headers['content-type'], 'application/json');
  const { id, ...body } = call!.body;
  assert.match(id, /^alr_/);
  assert.deepEqual(body, {
    rule: 'chat-daily',
    kind: 'cost_over_window',
    scope: { feature: 'chat' },
    value: '1.200000000',
    threshold: '1.000000000',
    unit: 'usd',
    window: { name: 'day', start: '2026-03-01T00:00:00.000Z', end: '2026-03-02T00:00:00.000Z' },
    time: NOW.toISOString(),
    message: 'chat-daily: spend today reached $1.20 (threshold $1.00) for feature=chat',
    link: `${PUBLIC_URL}/?feature=chat&since=2026-03-01T00%3A00%3A00.000Z&until=2026-03-02T00%3A00%3A00.000Z`,
    details: {},
  });
  const [record] = await history.list();
  assert.deepEqual([record!.id, record!.status, record!.attempts, record!.channel, record!.target], [id, 'sent', 1, 'webhook', receiver.url]);

  // The next day is a new window: one more message, no more.
  for (let index = 0; index < 5; index++) engine.finished(settledRow({ costUsd: dollars(0.5), feature: 'chat', startedAt: new Date('2026-03-02T01:00:00Z') }));
  await receiver.waitForCalls(2);
  await engine.idle();
  assert.equal(receiver.calls.length, 2);
  assert.equal(receiver.calls[1]!.body.window.start, '2026-03-02T00:00:00.000Z');
});

test('a receiver that fails once (500, then 200) gets the retry; the history shows sent after 2 attempts', async () => {
  receiver.script((index) => (index === 0 ? 500 : 200));
  const engine = await engineFor({ alerts: [{ name: 'pricey', kind: 'request_cost', threshold_usd: 1, channel: hook() }] });
  engine.finished(settledRow({ costUsd: dollars(2) }));
  await receiver.waitForCalls(2);
  await engine.idle();
  assert.equal(receiver.calls.length, 2);
  assert.equal(receiver.calls[0]!.body.id, receiver.calls[1]!.body.id, 'the same alert, so a receiver can drop a duplicate');
  const [record] = await history.list({ rule: 'pricey' });
  assert.equal(record!.status, 'sent');
  assert.equal(record!.attempts, 2);
  assert.equal(record!.lastError, 'receiver answered HTTP 500: failure 500');
  assert.deepEqual(record!.attemptLog.map((attempt) => [attempt.httpStatus, attempt.error]), [[500, 'receiver answered HTTP 500: failure 500'], [200, null]]);
});

test('a 4xx is not retried: the receiver will not change its mind', async () => {
  receiver.script(() => 404);
  const engine = await engineFor({ alerts: [{ name: 'pricey', kind: 'request_cost', threshold_usd: 1, channel: hook('/wrong') }] });
  engine.finished(settledRow({ costUsd: dollars(2) }));
  await receiver.waitForCalls(1);
  await engine.idle();
  const [record] = await history.list();
  assert.deepEqual([record!.status, record!.attempts, receiver.calls.length], ['failed', 1, 1]);
});

test('a receiver that hangs: finished() returns at once, every attempt times out, the history ends failed', async () => {
  receiver.script(() => 'hang');
  const engine = await engineFor({ alerts: [{ name: 'pricey', kind: 'request_cost', threshold_usd: 1, cooldown_s: 0, channel: hook() }] });
  // observing a row never waits for its delivery: finished() returns nothing to wait on, and no
  // delivery has reached the receiver when the 20 calls have returned (a timed check was flaky on a loaded CI)
  for (let index = 0; index < 20; index++) assert.equal(engine.finished(settledRow({ costUsd: dollars(2) })), undefined);
  assert.equal(receiver.calls.length, 0);
  await receiver.waitForCalls(20);
  assert.equal((await history.list({ status: 'pending' })).length, 20);
  await engine.idle();
  const records = await history.list({ limit: 100 });
  assert.equal(records.length, 20);
  for (const record of records) {
    assert.equal(record.status, 'failed');
    assert.equal(record.attempts, FAST.maxAttempts);
    assert.equal(record.lastError, `no answer within ${FAST.timeoutMs} ms`);
    assert.ok(record.attemptLog.every((attempt) => attempt.httpStatus === null && attempt.durationMs >= FAST.timeoutMs - 5));
  }
  assert.equal(receiver.calls.length, 20 * FAST.maxAttempts);
});

test('Slack channel: the receiver gets {text, blocks}', async () => {
  const engine = await engineFor({ alerts: [{ name: 'unpriced', kind: 'unpriced_model', channel: { slack: `${receiver.url}/services/T0/B0/secret` } }] });
  engine.finished(settledRow({ model: 'my-finetune', unpriced: true, costUsd: null }));
  engine.finished(settledRow({ model: 'my-finetune', unpriced: true, costUsd: null }));
  const [call] = await receiver.waitForCalls(1);
  await engine.idle();
  assert.equal(receiver.calls.length, 1, 'once per model');
  assert.deepEqual(Object.keys(call!.body).sort(), ['blocks', 'text']);
  assert.match(call!.body.text, /^unpriced: model "my-finetune" \(provider openai\) has no price/);
  assert.deepEqual(call!.body.blocks.map((block: { type: string }) => block.type), ['header', 'section', 'section', 'context']);
  const [record] = await history.list();
  assert.equal(record!.channel, 'slack');
  assert.equal(record!.target, receiver.url, 'the secret path of a Slack URL is not stored');
});

test('budget thresholds: the budget\'s channel, else the first alert channel; once per threshold and period', async () => {
  const engine = await engineFor({
    alerts: [{ name: 'daily', kind: 'cost_over_window', window: 'day', threshold_usd: 100, channel: hook('/first') }],
    budgets: [
      { name: 'acme-monthly', scope: { tenant: 'acme' }, period: 'month', limit_usd: 100, alert_at: [0.5, 0.8], action: 'block', channel: hook('/budget') },
      { name: 'per-user', scope: { user: '*' }, period: 'day', limit_usd: 5, alert_at: [0.5], action: 'alert-only' },
    ],
  });
  const month = { name: 'month' as const, start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z') };
  for (let index = 0; index < 3; index++) {
    engine.budgetThresholdCrossed({ budget: 'acme-monthly', scope: { tenant: 'acme' }, fraction: 0.5, spentUsd: dollars(50.5), limitUsd: dollars(100), period: month });
  }
  const day = { name: 'day' as const, start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-03-02T00:00:00Z') };
  engine.budgetThresholdCrossed({ budget: 'per-user', scope: { user: 'bob' }, fraction: 0.5, spentUsd: dollars(2.5), limitUsd: dollars(5), period: day });
  // A budget made through the API names its own channel.
  engine.budgetThresholdCrossed({ budget: 'api-made', scope: { global: true }, fraction: 1, spentUsd: dollars(7), limitUsd: dollars(7), period: day, channel: hook('/api-made') });
  await receiver.waitForCalls(3);
  await engine.idle();
  assert.equal(receiver.calls.length, 3);
  assert.deepEqual(receiver.calls.map((call) => call.path).sort(), ['/api-made', '/budget', '/first']);
  const byPath = Object.fromEntries(receiver.calls.map((call) => [call.path, call.body]));
  assert.equal(byPath['/budget'].message, 'budget acme-monthly: 50% reached — $50.50 of $100.00 spent this month for tenant=acme');
  assert.deepEqual([byPath['/budget'].kind, byPath['/budget'].value, byPath['/budget'].threshold], ['budget_threshold', '50.500000000', '50.000000000']);
  assert.match(byPath['/budget'].link, /\?tenant=acme&budget=acme-monthly&since=/);
  assert.deepEqual(byPath['/first'].scope, { user: 'bob' });
  const [acme] = await history.list({ rule: 'acme-monthly' });
  assert.equal(acme!.tenant, 'acme', 'tenant-scoped readers find it');
});

test('restart: spend so far comes from the ledger, and alerts already sent are not sent again', async () => {
  const config = { alerts: [{ name: 'daily', kind: 'cost_over_window', window: 'day', threshold_usd: 1, channel: hook() }] };
  await settle(ledger, dollars(0.9), new Date('2026-03-01T09:00:00Z'));
  await settle(ledger, dollars(5), new Date('2026-02-28T09:00:00Z')); // yesterday: another window
  const first = await engineFor(config);
  first.finished(settledRow({ costUsd: dollars(0.2), startedAt: NOW }));
  await receiver.waitForCalls(1);
  await first.idle();
  assert.equal(receiver.calls[0]!.body.value, '1.100000000', '$0.90 from the ledger + $0.20');
  await first.close();

  // A restart over the same ledger (now holding the $0.20 row too) and history: nothing new to say.
  await settle(ledger, dollars(0.2), NOW);
  const second = await engineFor(config);
  second.finished(settledRow({ costUsd: dollars(3), startedAt: NOW }));
  await second.idle();
  assert.equal(receiver.calls.length, 1);
});

test('a window crossed while the gateway was down is alerted once it starts', async () => {
  await settle(ledger, dollars(1.5), new Date('2026-03-01T09:00:00Z'));
  const engine = createAlertEngine({ config: validateConfig({ alerts: [{ name: 'daily', kind: 'cost_over_window', window: 'day', threshold_usd: 1, channel: hook() }] }), clock, history, ledger, delivery: FAST });
  engines.push(engine);
  await engine.seed();
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(receiver.calls.length, 0, 'held until start(): the dashboard URL is not known yet');
  engine.start(PUBLIC_URL);
  const [call] = await receiver.waitForCalls(1);
  assert.equal(call!.body.value, '1.500000000');
  assert.ok(call!.body.link.startsWith(`${PUBLIC_URL}/?since=`));
});

test('close() stops retries: a delivery waiting for its next attempt is recorded as failed', async () => {
  receiver.script(() => 503);
  const engine = await engineFor({ alerts: [{ name: 'pricey', kind: 'request_cost', threshold_usd: 1, channel: hook() }] }, { delivery: { ...FAST, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
  engine.finished(settledRow({ costUsd: dollars(2) }));
  await receiver.waitForCalls(1);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  await engine.close();
  assert.ok(performance.now() - started < 1000, 'does not wait out the backoff');
  const [record] = await history.list();
  assert.deepEqual([record!.status, record!.attempts, record!.lastError], ['failed', 1, 'the gateway stopped before the alert was delivered']);
});

test('a row that breaks evaluation never throws into the proxy', async () => {
  const errors: unknown[] = [];
  const engine = await engineFor({ alerts: [{ name: 'daily', kind: 'cost_over_window', window: 'day', threshold_usd: 1, channel: hook() }] }, { onError: (error) => errors.push(error) });
  // No startedAt: the window lookup throws inside the evaluator.
  assert.doesNotThrow(() => engine.finished({ ...settledRow({ costUsd: dollars(5) }), startedAt: undefined } as unknown as LedgerRow));
  assert.equal(errors.length, 1);
});

async function settle(store: LedgerStore, costUsd: bigint, startedAt: Date): Promise<void> {
  const row = await store.open({ operationId: `op-${startedAt.getTime()}-${costUsd}`, startedAt, tenant: 'acme', model: 'gpt-4o' });
  await store.finalize(row.id, { status: 'ok', costUsd, usageSource: 'provider', endedAt: startedAt });
}
