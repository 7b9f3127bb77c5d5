// GET /api/alerts and POST /api/alerts/test, mounted as the gateway mounts them: inside adminRoutes, behind its guard.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AlertHistoryStore, AlertRecordInput, LedgerStore } from '../../core/ports/index.ts';
import { openSqliteAlertHistoryStore, openSqliteLedgerStore } from '../../storage/index.ts';
import { adminRoutes, type AdminAuthOptions } from '../admin/index.ts';
import { validateConfig } from '../config/index.ts';
import { startWebhookReceiver, type WebhookReceiver } from './__fixtures__/webhook-receiver.ts';
import { createAlertEngine, type AlertEngine } from './alert-engine.ts';
import { alertRoutes } from './alert-routes.ts';

const ADMIN_KEY = 'adm-0123456789abcdef';
const NOW = new Date('2026-03-02T12:00:00.000Z');
const clock = { now: () => NOW };
let receiver: WebhookReceiver;
let ledger: LedgerStore;
let history: AlertHistoryStore;
let engine: AlertEngine;

before(async () => {
  receiver = await startWebhookReceiver();
  ledger = await openSqliteLedgerStore({ path: ':memory:' });
  history = await openSqliteAlertHistoryStore({ path: ':memory:' });
  const config = validateConfig({
    alerts: [{ name: 'daily', kind: 'cost_over_window', window: 'day', threshold_usd: 10, channel: { slack: `${receiver.url}/slack/secret` } }],
    budgets: [
      { name: 'acme-monthly', scope: { tenant: 'acme' }, period: 'month', limit_usd: 100, action: 'block', channel: { webhook: `${receiver.url}/budget` } },
    ],
  });
  engine = createAlertEngine({ config, clock, history, ledger, delivery: { timeoutMs: 500 } });
  await engine.seed();
  engine.start('http://127.0.0.1:4000');
  const record = (fields: Partial<AlertRecordInput>) => history.record({ ...RECORD, ...fields });
  await record({ rule: 'daily', time: new Date('2026-03-01T10:00:00Z'), status: 'sent' });
  await record({ rule: 'pricey', kind: 'request_cost', time: new Date('2026-03-02T09:00:00Z'), status: 'failed', tenant: 'globex', scope: { tenant: 'globex' } });
  await record({ rule: 'daily', time: new Date('2026-03-02T11:00:00Z'), status: 'pending' });
});
after(async () => {
  await engine.close();
  await history.close();
  await ledger.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.calls.length = 0;
  receiver.script(() => 200);
});

const RECORD: AlertRecordInput = {
  rule: 'daily',
  kind: 'cost_over_window',
  tenant: 'acme',
  scope: { tenant: 'acme' },
  value: '10.500000000',
  threshold: '10.000000000',
  unit: 'usd',
  window: { name: 'day', start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-03-02T00:00:00Z') },
  time: NOW,
  message: 'daily: spend today reached $10.50',
  link: 'http://127.0.0.1:4000/?tenant=acme',
  details: {},
  dedupeKey: 'k',
  channel: 'slack',
  target: 'http://127.0.0.1',
};

function call(path: string, init: RequestInit = {}, auth: AdminAuthOptions = { mode: 'off' }) {
  const app = adminRoutes({ store: ledger, clock, auth, routes: [alertRoutes({ history, engine, clock })] });
  return app.request(path, init, { incoming: { socket: { remoteAddress: '127.0.0.1' } } } as never);
}

const post = (body: unknown, auth?: AdminAuthOptions, headers: Record<string, string> = {}) =>
  call('/api/alerts/test', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }, auth);

test('GET /api/alerts: {"data": […]} newest first, every field in its public form', async () => {
  const response = await call('/api/alerts');
  assert.equal(response.status, 200);
  const { data } = (await response.json()) as { data: Record<string, unknown>[] };
  assert.deepEqual(data.map((alert) => [alert.rule, alert.time]), [
    ['daily', '2026-03-02T11:00:00.000Z'],
    ['pricey', '2026-03-02T09:00:00.000Z'],
    ['daily', '2026-03-01T10:00:00.000Z'],
  ]);
  const { id, ...alert } = data[0]!;
  assert.match(String(id), /^alr_/);
  assert.deepEqual(alert, {
    time: '2026-03-02T11:00:00.000Z',
    rule: 'daily',
    kind: 'cost_over_window',
    scope: { tenant: 'acme' },
    value: '10.500000000',
    threshold: '10.000000000',
    unit: 'usd',
    window: { name: 'day', start: '2026-03-01T00:00:00.000Z', end: '2026-03-02T00:00:00.000Z' },
    message: 'daily: spend today reached $10.50',
    link: 'http://127.0.0.1:4000/?tenant=acme',
    details: {},
    channel: 'slack',
    target: 'http://127.0.0.1',
    status: 'pending',
    attempts: 0,
    last_error: null,
    attempt_log: [],
    updated_at: '2026-03-02T11:00:00.000Z',
  });
});

test('GET /api/alerts filters: since (absolute or relative), rule, status, limit; bad parameters are 400', async () => {
  const rules = async (query: string) => ((await (await call(`/api/alerts?${query}`)).json()) as { data: { rule: string; status: string }[] }).data.map((alert) => `${alert.rule}:${alert.status}`);
  assert.deepEqual(await rules('since=2026-03-02'), ['daily:pending', 'pricey:failed']);
  assert.deepEqual(await rules('since=4h'), ['daily:pending', 'pricey:failed']);
  assert.deepEqual(await rules('rule=daily'), ['daily:pending', 'daily:sent']);
  assert.deepEqual(await rules('status=failed'), ['pricey:failed']);
  assert.deepEqual(await rules('limit=1'), ['daily:pending']);
  for (const [query, message] of [
    ['status=done', /invalid "status": use one of pending, sent, failed/],
    ['limit=0', /invalid "limit"/],
    ['since=yesterday', /invalid "since"/],
    ['tenant=acme', /invalid "tenant": unknown query parameter/],
  ] as const) {
    const response = await call(`/api/alerts?${query}`);
    assert.equal(response.status, 400, query);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, message);
  }
});

test('the admin guard covers the alert routes: 401 without the admin key; a tenant viewer sees its tenant only and cannot send', async () => {
  const keys: AdminAuthOptions = { mode: 'keys', adminKey: ADMIN_KEY, otherKeys: { resolve: async (key) => (key === 'view-globex' ? { role: 'viewer', tenant: 'globex' } : undefined) } };
  assert.equal((await call('/api/alerts', {}, keys)).status, 401);
  assert.equal((await post({ channel: { webhook: `${receiver.url}/x` } }, keys)).status, 401);
  assert.equal((await call('/api/alerts', { headers: { authorization: `Bearer ${ADMIN_KEY}` } }, keys)).status, 200);
  const viewer = { authorization: 'Bearer view-globex' };
  const { data } = (await (await call('/api/alerts', { headers: viewer }, keys)).json()) as { data: { rule: string }[] };
  assert.deepEqual(data.map((alert) => alert.rule), ['pricey']);
  const refused = await post({ channel: { webhook: `${receiver.url}/x` } }, keys, viewer);
  assert.equal(refused.status, 403);
  assert.equal(receiver.calls.length, 0);
});

test('POST /api/alerts/test with a channel: sent now, answered with the outcome, recorded in the history', async () => {
  const response = await post({ channel: { webhook: `${receiver.url}/try` } });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { status: string; deliveries: Record<string, unknown>[] };
  assert.equal(body.status, 'sent');
  assert.equal(body.deliveries.length, 1);
  assert.deepEqual([body.deliveries[0]!.kind, body.deliveries[0]!.channel, body.deliveries[0]!.status, body.deliveries[0]!.attempts], ['test', 'webhook', 'sent', 1]);
  assert.equal(receiver.calls.length, 1, 'already delivered when the answer came');
  assert.equal(receiver.calls[0]!.path, '/try');
  assert.deepEqual([receiver.calls[0]!.body.kind, receiver.calls[0]!.body.rule], ['test', 'test']);
  assert.match(receiver.calls[0]!.body.message, /costops test alert: if you can read this/);
  const [latest] = (await history.list({ rule: 'test' }));
  assert.equal(latest!.id, body.deliveries[0]!.id);
});

test('POST /api/alerts/test with a rule or budget name uses its channel; a failing receiver is reported, not hidden', async () => {
  const rule = (await (await post({ rule: 'daily' })).json()) as { status: string; deliveries: { channel: string }[] };
  assert.deepEqual([rule.status, rule.deliveries[0]!.channel], ['sent', 'slack']);
  assert.equal(receiver.calls[0]!.path, '/slack/secret');
  assert.ok(Array.isArray(receiver.calls[0]!.body.blocks));

  receiver.script(() => 500);
  const budget = (await (await post({ rule: 'acme-monthly' })).json()) as { status: string; deliveries: { status: string; attempts: number; last_error: string }[] };
  assert.equal(receiver.calls[1]!.path, '/budget');
  assert.deepEqual([budget.status, budget.deliveries[0]!.status, budget.deliveries[0]!.attempts, budget.deliveries[0]!.last_error], ['failed', 'failed', 1, 'receiver answered HTTP 500: failure 500']);
});

test('POST /api/alerts/test refuses what it cannot send, saying what to send instead', async () => {
  const cases: [unknown, number, RegExp][] = [
    [{ rule: 'nope' }, 404, /no alert rule or budget named "nope"; configured: daily, acme-monthly/],
    [{}, 400, /expected exactly one of "channel" or "rule" \(got none\)/],
    [{ channel: { webhook: 'x' }, rule: 'daily' }, 400, /exactly one of/],
    [{ channel: {} }, 400, /^channel must set webhook or slack/],
    [{ channel: { webhook: 'ftp://example.com/hook' } }, 400, /^channel\.webhook must be an http:\/\/ or https:\/\/ URL/],
    [{ channel: { email: 'a@b.c' } }, 400, /^channel/],
    [[1], 400, /send \{"channel"/],
    ['{not json', 400, /not valid JSON/],
  ];
  for (const [body, status, message] of cases) {
    const response = await post(body);
    assert.equal(response.status, status, JSON.stringify(body));
    assert.match(((await response.json()) as { error: { message: string } }).error.message, message, JSON.stringify(body));
  }
  assert.equal(receiver.calls.length, 0);
});
