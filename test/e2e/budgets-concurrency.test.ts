// Budgets that hold under concurrency (SPEC §1.3, §8): 100 requests race for a key's last $0.010, as
// whole responses and as streams, through the official `openai` SDK, the real gateway and its
// SQLite store, and the fake upstream; and budgets nest, the tightest one governing.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';
import { openSqliteKeyStore } from '../../src/storage/index.ts';
import { ADMIN_KEY, ledgerSpend, TWO_MILLI, TWO_MILLI_REQUEST, TWO_MILLI_USAGE } from '../support/budget-fixtures.ts';

let env: TestGateway;
const keys: Record<string, { id: string; key: string }> = {};

before(async () => {
  env = await startTestGateway({
    config: {
      auth: { mode: 'keys', admin_key: ADMIN_KEY },
      budgets: [
        { name: 'per-key', scope: { key: '*' }, period: 'day', limit_usd: '0.010', action: 'block' },
        // Nested: every acme key is inside the acme tenant; "search" keys are also inside the search project.
        { name: 'acme', scope: { tenant: 'acme' }, period: 'day', limit_usd: '0.010', action: 'block' },
        { name: 'acme-search', scope: { tenant: 'acme', project: 'search' }, period: 'day', limit_usd: '0.006', action: 'block' },
        { name: 'acme-keys', scope: { tenant: 'acme', key: '*' }, period: 'day', limit_usd: '0.004', action: 'block' },
      ],
    },
  });
  const store = await openSqliteKeyStore({ path: join(env.dir, 'costops.db') });
  for (const [name, tenant, project] of [['racer', 'solo', null], ['streamer', 'solo2', null], ['a', 'acme', 'search'], ['b', 'acme', 'search'], ['c', 'acme', 'ads'], ['d', 'acme', null]] as const) {
    const created = await store.create({ tenant, project });
    keys[name] = { id: created.id, key: created.key };
  }
  await store.close();
});
after(() => env.close());
beforeEach(() => {
  env.fake.reset();
  env.fake.script({ usage: TWO_MILLI_USAGE }, { times: Infinity });
});

const clientFor = (name: string) => new OpenAI({ baseURL: `${env.url}/v1`, apiKey: keys[name]!.key, maxRetries: 0 });

async function budgetEntries(): Promise<{ name: string; scope_value: string; spent_usd: string; reserved_usd: string; remaining_usd: string }[]> {
  const response = await fetch(`${env.url}/api/budgets`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  assert.equal(response.status, 200);
  return ((await response.json()) as { data: [] }).data;
}

async function assertNothingOutstanding(): Promise<void> {
  assert.deepEqual(await env.gateway.budgets.outstanding(), { requests: 0, reserved: 0n });
}

function assertBudgetRefusal(error: unknown): void {
  assert.ok(error instanceof OpenAI.APIError, String(error));
  assert.equal(error.status, 429);
  assert.equal(error.code, 'budget_exceeded');
  assert.match(error.message, /budget "per-key" \(key=key_\w+\) has \$0(\.\d+)? left of its \$0\.01 limit per day/);
}

test('100 concurrent requests on a key with $0.010 left: 5 reach the upstream, 95 get 429 budget_exceeded', async () => {
  const client = clientFor('racer');
  const results = await Promise.allSettled(Array.from({ length: 100 }, () => client.chat.completions.create(TWO_MILLI_REQUEST).withResponse()));
  const served = results.filter((result) => result.status === 'fulfilled');
  const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  assert.equal(served.length, 5);
  assert.equal(env.fake.count('/v1/chat/completions'), 5, 'only admitted requests reach the upstream');
  refused.forEach(assertBudgetRefusal);
  const spent = await ledgerSpend(env.gateway.store, { where: { keyId: keys.racer!.id } });
  assert.equal(spent, 5n * TWO_MILLI, 'spend never exceeds $0.010');
  const blocked = await env.gateway.store.usage({ where: { keyId: keys.racer!.id, status: 'blocked' } });
  assert.deepEqual([blocked.total.requests, blocked.total.costUsd], [95, 0n], 'each refusal is a $0 blocked row');
  await assertNothingOutstanding();
  const entry = (await budgetEntries()).find((candidate) => candidate.scope_value === `key=${keys.racer!.id}`)!;
  assert.deepEqual([entry.spent_usd, entry.reserved_usd, entry.remaining_usd], ['0.010000000', '0.000000000', '0.000000000']);
});

test('the same with 100 concurrent streams: reservations held until each stream settles', async () => {
  const client = clientFor('streamer');
  const results = await Promise.allSettled(
    Array.from({ length: 100 }, async () => {
      const stream = await client.chat.completions.create({ ...TWO_MILLI_REQUEST, stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      return text;
    }),
  );
  const served = results.filter((result) => result.status === 'fulfilled');
  assert.equal(served.length, 5);
  assert.equal(env.fake.count('/v1/chat/completions'), 5);
  results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : [])).forEach(assertBudgetRefusal);
  assert.equal(await ledgerSpend(env.gateway.store, { where: { keyId: keys.streamer!.id } }), 5n * TWO_MILLI);
  await assertNothingOutstanding();
});

test('nested budgets: the tightest governs, and each budget\'s spent equals the sum of its ledger rows', async () => {
  const remainingAfter = async (name: string) => {
    const { response } = await clientFor(name).chat.completions.create(TWO_MILLI_REQUEST).withResponse();
    return response.headers.get('x-costops-budget-remaining-usd');
  };
  const refusedBy = async (name: string) => {
    const error = await clientFor(name).chat.completions.create(TWO_MILLI_REQUEST).catch((caught: unknown) => caught);
    assert.ok(error instanceof OpenAI.APIError && error.status === 429, String(error));
    return /budget "([^"]+)"/.exec(error.message)?.[1];
  };
  // a: key 0.004, project 0.006, tenant 0.010, per-key 0.010 → after one: min left is its key's 0.002
  assert.equal(await remainingAfter('a'), '0.002000000');
  assert.equal(await remainingAfter('a'), '0.000000000');
  assert.equal(await refusedBy('a'), 'acme-keys');
  // b: its key has 0.004 left, but the project has 0.002 left after one request
  assert.equal(await remainingAfter('b'), '0.000000000');
  assert.equal(await refusedBy('b'), 'acme-search');
  // c (project ads): the tenant has 0.004 left, then 0.002
  assert.equal(await remainingAfter('c'), '0.002000000');
  // d (no project): its key has 0.004 left, but the tenant only 0.002, then nothing
  assert.equal(await remainingAfter('d'), '0.000000000');
  assert.equal(await refusedBy('d'), 'acme');
  assert.equal(await refusedBy('c'), 'acme');
  assert.equal(env.fake.count('/v1/chat/completions'), 5);

  const entries = await budgetEntries();
  const spentOf = (name: string, scopeValue: string) => entries.find((entry) => entry.name === name && entry.scope_value === scopeValue)?.spent_usd;
  const ledger = async (where: Parameters<typeof ledgerSpend>[1]) => (Number(await ledgerSpend(env.gateway.store, where)) / 1e9).toFixed(9);
  assert.equal(spentOf('acme', 'tenant=acme'), await ledger({ where: { tenant: 'acme' } }));
  assert.equal(spentOf('acme', 'tenant=acme'), '0.010000000');
  assert.equal(spentOf('acme-search', 'tenant=acme,project=search'), await ledger({ where: { tenant: 'acme', project: 'search' } }));
  assert.equal(spentOf('acme-search', 'tenant=acme,project=search'), '0.006000000');
  for (const name of ['a', 'b', 'c', 'd']) {
    const id = keys[name]!.id;
    assert.equal(spentOf('acme-keys', `tenant=acme,key=${id}`), await ledger({ where: { keyId: id } }));
    assert.equal(spentOf('per-key', `key=${id}`), await ledger({ where: { keyId: id } }));
  }
  await assertNothingOutstanding();
});
