// Budget policies end to end (SPEC §4, §7, §8): the per-request ceiling, unpriced models under a
// hard budget, 402 blocks in each route's error format, downgrades, budgets managed through the
// admin API (applied from the next request, seeded from the ledger), and a budget store outage.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';
import { ledgerSpend, manualClock, TWO_MILLI, TWO_MILLI_REQUEST, TWO_MILLI_USAGE } from '../support/budget-fixtures.ts';
import { openSqliteBudgetStore } from '../../src/storage/index.ts';
import type { BudgetStore } from '../../src/core/ports/index.ts';
import { formatUsd } from '../../src/core/money/index.ts';

const clock = manualClock('2026-03-04T12:00:00.000Z');
const storeDir = mkdtempSync(join(tmpdir(), 'costops-budget-store-'));
let failing = false;
let env: TestGateway;
let client: OpenAI;
let realStore: BudgetStore;

/** The real store, failing on demand as an unreachable store would. */
function flaky(store: BudgetStore): BudgetStore {
  const guard = <T>(call: () => Promise<T>) => (failing ? Promise.reject(new Error('SQLITE_BUSY: database is locked')) : call());
  return { ...store, version: () => guard(() => store.version()), reserve: (...args) => guard(() => store.reserve(...args)) };
}

/** The gateway's own store on its ledger file, opened here so the test can make it fail. */
async function storeAt(name: string): Promise<{ store: BudgetStore; storage: { url: string } }> {
  const path = join(storeDir, name, 'costops.db');
  return { store: await openSqliteBudgetStore({ path }), storage: { url: `sqlite:${path}` } };
}

before(async () => {
  const { store, storage } = await storeAt('main');
  realStore = store;
  env = await startTestGateway({
    config: {
      storage,
      budgets: [
        { name: 'free-plan', scope: { tag: 'plan=free' }, period: 'month', limit_usd: '0.001', action: 'block', block_status: 402 },
        { name: 'per-user-daily', scope: { user: '*' }, period: 'day', limit_usd: '0.003', action: 'downgrade', downgrade_to: 'gpt-4o-mini' },
        { name: 'guarded', scope: { feature: 'guarded' }, period: 'day', limit_usd: '100', action: 'block' },
      ],
    },
    gateway: { clock, budgets: flaky(realStore) },
  });
  client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});
after(async () => {
  await env.close();
  await realStore.close();
  rmSync(storeDir, { recursive: true, force: true });
});
beforeEach(() => {
  env.fake.reset();
  failing = false;
});

const apiError = (promise: Promise<unknown>) => promise.then(() => assert.fail('expected an error'), (error: unknown) => {
  assert.ok(error instanceof OpenAI.APIError, String(error));
  return error;
});

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${env.url}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: response.status, json: response.status === 204 ? null : await response.json() };
}

test('x-costops-max-cost-usd: a worst case over the ceiling is refused before the upstream call', async () => {
  const error = await apiError(client.chat.completions.create(TWO_MILLI_REQUEST, { headers: { 'x-costops-max-cost-usd': '0.0019' } }));
  assert.equal(error.status, 400);
  assert.equal(error.code, 'max_cost_exceeded');
  assert.match(error.message, /could cost up to \$0\.002 \(8 input tokens \+ up to 198 output tokens on gpt-4o\), over x-costops-max-cost-usd: 0\.0019/);
  const bad = await apiError(client.chat.completions.create(TWO_MILLI_REQUEST, { headers: { 'x-costops-max-cost-usd': 'lots' } }));
  assert.deepEqual([bad.status, bad.code], [400, 'invalid_header']);
  assert.equal(env.fake.count(), 0);
  env.fake.script({ usage: TWO_MILLI_USAGE });
  const { response } = await client.chat.completions.create(TWO_MILLI_REQUEST, { headers: { 'x-costops-max-cost-usd': '0.002' } }).withResponse();
  assert.equal(response.status, 200);
});

test('an unpriced model under a hard budget: 400 model_not_priced before the upstream call; without one it goes through', async () => {
  const body = { model: 'my-local-model', max_tokens: 10, messages: [{ role: 'user' as const, content: 'hi' }] };
  const error = await apiError(client.chat.completions.create(body, { headers: { 'x-costops-feature': 'guarded' } }));
  assert.deepEqual([error.status, error.code], [400, 'model_not_priced']);
  assert.match(error.message, /model "my-local-model" \(provider local\) has no price, and a hard budget applies .* add it under "prices:"/);
  assert.equal(env.fake.count(), 0);
  const { response } = await client.chat.completions.create(body).withResponse();
  const row = await env.gateway.store.getRequest(response.headers.get('x-costops-request-id')!);
  assert.deepEqual([row?.status, row?.unpriced, row?.costUsd], ['ok', true, null]);
});

test('block_status 402: the refusal is 402 budget_exceeded in the route\'s format, with a $0 blocked row', async () => {
  const error = await apiError(client.chat.completions.create(TWO_MILLI_REQUEST, { headers: { 'x-costops-tags': 'plan=free' } }));
  assert.deepEqual([error.status, error.code, error.type], [402, 'budget_exceeded', 'budget_exceeded']);
  assert.match(error.message, /budget "free-plan" \(tag\.plan=free\) has \$0\.001 left of its \$0\.001 limit per month/);
  const row = await env.gateway.store.getRequest(error.headers!.get('x-costops-request-id')!);
  assert.deepEqual([row?.status, row?.httpStatus, row?.errorCode, row?.costUsd, row?.route], ['blocked', 402, 'budget_exceeded', 0n, 'budget:free-plan']);
  // The Anthropic route answers in Anthropic's error shape.
  const response = await fetch(`${env.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-costops-tags': 'plan=free' },
    body: JSON.stringify({ model: 'claude-sonnet-4-0', max_tokens: 1000, messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(response.status, 402);
  const json = (await response.json()) as { type: string; error: { type: string; message: string } };
  assert.deepEqual([json.type, json.error.type], ['error', 'budget_exceeded']);
  assert.equal(env.fake.count(), 0, 'a blocked request never reaches the upstream');
});

test('downgrade: a request the budget cannot cover on gpt-4o goes to gpt-4o-mini, and says so', async () => {
  env.fake.script({ usage: TWO_MILLI_USAGE });
  const alice = { headers: { 'x-costops-user': 'alice' } };
  const first = await client.chat.completions.create(TWO_MILLI_REQUEST, alice).withResponse();
  assert.equal(first.response.headers.get('x-costops-model'), 'gpt-4o');
  assert.equal(first.response.headers.get('x-costops-budget-remaining-usd'), '0.001000000');
  const second = await client.chat.completions.create(TWO_MILLI_REQUEST, alice).withResponse();
  assert.equal(second.response.headers.get('x-costops-model'), 'gpt-4o-mini');
  assert.equal(env.fake.requests.at(-1)?.model, 'gpt-4o-mini');
  const row = await env.gateway.store.getRequest(second.response.headers.get('x-costops-request-id')!);
  assert.deepEqual([row?.requestedModel, row?.model, row?.route, row?.status], ['gpt-4o', 'gpt-4o-mini', 'downgrade:per-user-daily', 'ok']);
  assert.equal(row?.reservedUsd, 120_000n, 'reserved at the cheaper model\'s worst case: 8 × $0.15 + 198 × $0.60 per 1M');
  // bob's own counter is untouched
  const bob = await client.chat.completions.create(TWO_MILLI_REQUEST, { headers: { 'x-costops-user': 'bob' } }).withResponse();
  assert.equal(bob.response.headers.get('x-costops-model'), 'gpt-4o');
});

test('a budget added through the API applies to the next request, starting from the ledger\'s spend', async () => {
  env.fake.script({ usage: TWO_MILLI_USAGE }, { times: Infinity });
  await client.chat.completions.create(TWO_MILLI_REQUEST);
  const today = new Date('2026-03-04T00:00:00.000Z');
  const spent = await ledgerSpend(env.gateway.store, { since: today, where: { tenant: 'default' } });
  assert.ok(spent >= TWO_MILLI);
  clock.advance(1000);

  const created = await api('POST', '/api/budgets', { name: 'api-default', scope: { tenant: 'default' }, period: 'day', limit_usd: formatUsd(spent + 1_000_000n), action: 'block' });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  assert.deepEqual([created.json.source, created.json.limit_usd, created.json.entries[0].scope_value, created.json.entries[0].spent_usd], ['api', formatUsd(spent + 1_000_000n).replace(/0+$/, ''), 'tenant=default', formatUsd(spent)]);
  const refused = await apiError(client.chat.completions.create(TWO_MILLI_REQUEST));
  assert.equal(refused.status, 429);
  assert.match(refused.message, /budget "api-default" \(tenant=default\) has \$0\.001 left/);

  const patched = await api('PATCH', '/api/budgets/api-default', { limit_usd: '1' });
  assert.equal(patched.status, 200);
  assert.equal(patched.json.entries[0].spent_usd, formatUsd(spent), 'a new limit keeps the spend');
  await client.chat.completions.create(TWO_MILLI_REQUEST);
  const after = await api('GET', '/api/budgets/api-default');
  assert.equal(after.json.entries[0].spent_usd, formatUsd(await ledgerSpend(env.gateway.store, { since: today, where: { tenant: 'default' } })));

  assert.equal((await api('DELETE', '/api/budgets/api-default')).status, 204);
  assert.equal((await api('GET', '/api/budgets/api-default')).status, 404);
  assert.ok(!(await api('GET', '/api/budgets')).json.data.some((entry: { name: string }) => entry.name === 'api-default'));
});

test('the admin API validates like the config file and keeps config budgets read-only', async () => {
  const invalid = await api('POST', '/api/budgets', { name: 'bad', scope: { usr: 'x' }, period: 'fortnight', limit_usd: '-1', action: 'block' });
  assert.equal(invalid.status, 400);
  assert.equal(invalid.json.error.code, 'invalid_request');
  assert.match(invalid.json.error.message, /scope\.usr: unknown key — did you mean "user"\?/);
  assert.match(invalid.json.error.message, /period: /);
  assert.match(invalid.json.error.message, /limit_usd: must be a non-negative USD amount/);
  const downgradeWithoutTarget = await api('POST', '/api/budgets', { name: 'd', scope: { global: true }, period: 'day', limit_usd: 1, action: 'downgrade' });
  assert.match(downgradeWithoutTarget.json.error.message, /downgrade_to: required when action is "downgrade"/);
  assert.equal((await api('POST', '/api/budgets', { name: 'guarded', scope: { global: true }, period: 'day', limit_usd: 1, action: 'block' })).status, 409);
  const patchConfig = await api('PATCH', '/api/budgets/guarded', { limit_usd: '1' });
  assert.equal(patchConfig.status, 409);
  assert.match(patchConfig.json.error.message, /defined in the config file/);
  assert.equal((await api('PATCH', '/api/budgets/nope', { limit_usd: '1' })).status, 404);
  // A Slack webhook URL is a credential: shown masked.
  const slack = 'https://hooks.slack.com/services/T000/B000/secret-token';
  const withChannel = await api('POST', '/api/budgets', { name: 'watched', scope: { user: 'carol' }, period: 'week', limit_usd: 1, action: 'alert-only', channel: { slack } });
  assert.equal(withChannel.status, 201);
  assert.ok(!JSON.stringify(withChannel.json).includes('secret-token'), JSON.stringify(withChannel.json.channel));
  assert.equal((await api('DELETE', '/api/budgets/watched')).status, 204);
});

test('budget store down: 503 budget_store_unavailable under a hard budget; other traffic flows', async () => {
  env.fake.script({ usage: TWO_MILLI_USAGE }, { times: 2 });
  await client.chat.completions.create(TWO_MILLI_REQUEST); // the last known definitions are the current ones
  failing = true;
  const error = await apiError(client.chat.completions.create(TWO_MILLI_REQUEST, { headers: { 'x-costops-feature': 'guarded' } }));
  assert.deepEqual([error.status, error.code], [503, 'budget_store_unavailable']);
  const { response } = await client.chat.completions.create(TWO_MILLI_REQUEST).withResponse();
  assert.equal(response.status, 200, 'no budget applies: the outage does not matter');
  assert.equal(env.fake.count(), 2);
});

test('fail_open: true admits requests uncounted while the store is down; a config price makes a local model budgetable', async () => {
  const { store, storage } = await storeAt('fail-open');
  const other = await startTestGateway({
    config: {
      storage,
      fail_open: true,
      prices: [{ model: 'my-local-model', provider: 'local', input: 1, output: 2 }],
      budgets: [{ name: 'guarded', scope: { global: true }, period: 'day', limit_usd: '100', action: 'block' }],
    },
    gateway: { clock, budgets: flaky(store) },
  });
  try {
    const otherClient = new OpenAI({ baseURL: `${other.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const priced = await otherClient.chat.completions.create({ model: 'my-local-model', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(priced.response.status, 200);
    failing = true;
    const admitted = await otherClient.chat.completions.create(TWO_MILLI_REQUEST).withResponse();
    assert.equal(admitted.response.status, 200);
    assert.equal(admitted.response.headers.get('x-costops-budget-remaining-usd'), null, 'uncounted: no budget figure to show');
  } finally {
    failing = false;
    await other.close();
    await store.close();
  }
});
