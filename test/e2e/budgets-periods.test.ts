// Budget periods follow the configured time zone and an injected clock (no sleeps): a request
// admitted at 23:59:59.9 is charged to the old day even when it settles after midnight, the new day
// starts with its full limit, and each alert_at threshold fires once per period.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';
import { slowChunks } from '../support/fake-upstream/index.ts';
import { ledgerSpend, manualClock, TWO_MILLI, TWO_MILLI_REQUEST, TWO_MILLI_USAGE } from '../support/budget-fixtures.ts';
import type { BudgetThresholdEvent } from '../../src/gateway/budgets/index.ts';

// Paris is UTC+1 in January: its midnight is 23:00 UTC.
const clock = manualClock('2026-01-15T22:59:59.900Z');
const OLD_DAY = new Date('2026-01-14T23:00:00.000Z');
const NEW_DAY = new Date('2026-01-15T23:00:00.000Z');
const crossings: BudgetThresholdEvent[] = [];
let env: TestGateway;
let client: OpenAI;

before(async () => {
  env = await startTestGateway({
    config: {
      timezone: 'Europe/Paris',
      budgets: [{ name: 'daily', scope: { global: true }, period: 'day', limit_usd: '0.004', alert_at: [0.5, 1], action: 'block' }],
    },
    gateway: { clock, onBudgetThreshold: (event) => crossings.push(event) },
  });
  client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});
after(() => env.close());

const refusal = (promise: Promise<unknown>) => promise.then(() => assert.fail('expected a budget refusal'), (error: unknown) => {
  assert.ok(error instanceof OpenAI.APIError && error.status === 429 && error.code === 'budget_exceeded', String(error));
  return error.message;
});

test('a request admitted at 23:59:59.9 is charged to the old day though it settles after midnight', async () => {
  env.fake.script({ ...slowChunks(30), chunks: 6, usage: TWO_MILLI_USAGE });
  env.fake.script({ usage: TWO_MILLI_USAGE }, { times: Infinity });

  // A: a stream admitted at 23:59:59.9 (Paris); its reservation holds half the day.
  const { data: stream, response } = await client.chat.completions.create({ ...TWO_MILLI_REQUEST, stream: true }).withResponse();
  assert.equal(response.headers.get('x-costops-budget-remaining-usd'), '0.002000000', 'after reservation, for a stream');
  const iterator = stream[Symbol.asyncIterator]();
  await iterator.next();

  // B at 23:59:59.95 takes the rest of the day; C at 23:59:59.99 does not fit.
  clock.set('2026-01-15T22:59:59.950Z');
  const whole = await client.chat.completions.create(TWO_MILLI_REQUEST).withResponse();
  assert.equal(whole.response.headers.get('x-costops-budget-remaining-usd'), '0.000000000', 'after settlement, for a whole response');
  clock.set('2026-01-15T22:59:59.990Z');
  assert.match(await refusal(client.chat.completions.create(TWO_MILLI_REQUEST)), /wait for the next period \(2026-01-15T23:00:00\.000Z\)/);

  // Midnight passes while A still streams; A settles into the old day.
  clock.set('2026-01-15T23:00:00.100Z');
  while (!(await iterator.next()).done) {
    // drain
  }
  const [old] = await env.gateway.budgets.countersOf('daily', 'day', OLD_DAY);
  assert.deepEqual([old?.spent, old?.reserved], [2n * TWO_MILLI, 0n]);
  assert.equal(await ledgerSpend(env.gateway.store, { since: OLD_DAY, until: NEW_DAY }), 2n * TWO_MILLI, 'the old day equals its ledger rows');

  // The new day starts with its whole limit.
  await client.chat.completions.create(TWO_MILLI_REQUEST);
  clock.advance(1000);
  await client.chat.completions.create(TWO_MILLI_REQUEST);
  await refusal(client.chat.completions.create(TWO_MILLI_REQUEST));
  const [fresh] = await env.gateway.budgets.countersOf('daily', 'day', NEW_DAY);
  assert.deepEqual([fresh?.spent, fresh?.reserved], [2n * TWO_MILLI, 0n]);
  assert.equal(await ledgerSpend(env.gateway.store, { since: NEW_DAY }), 2n * TWO_MILLI);
  assert.equal(env.fake.count('/v1/chat/completions'), 4);

  const listed = (await (await fetch(`${env.url}/api/budgets`)).json()) as { data: Record<string, unknown>[] };
  assert.deepEqual(listed.data, [
    {
      name: 'daily',
      scope: { global: true },
      scope_value: 'global',
      period: 'day',
      limit_usd: '0.004000000',
      spent_usd: '0.004000000',
      reserved_usd: '0.000000000',
      remaining_usd: '0.000000000',
      period_start: '2026-01-15T23:00:00.000Z',
      period_end: '2026-01-16T23:00:00.000Z',
      action: 'block',
      alert_at: [0.5, 1],
      downgrade_to: null,
      block_status: 429,
      source: 'config',
    },
  ]);

  // 50 % and 100 % once in each day.
  assert.deepEqual(
    crossings.map((event) => [event.budget, event.scopeValue, event.fraction, event.spentUsd, event.periodStart?.toISOString()]),
    [
      ['daily', 'global', 0.5, TWO_MILLI, OLD_DAY.toISOString()],
      ['daily', 'global', 1, 2n * TWO_MILLI, OLD_DAY.toISOString()],
      ['daily', 'global', 0.5, TWO_MILLI, NEW_DAY.toISOString()],
      ['daily', 'global', 1, 2n * TWO_MILLI, NEW_DAY.toISOString()],
    ],
  );
});
