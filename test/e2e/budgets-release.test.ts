// Reservations are released on every failure path (SPEC §8): 200 requests failing in each of four
// ways — upstream 500, upstream timeout, client abort mid-stream, an upstream 400 after the
// reservation — leave nothing reserved, and the whole budget stays spendable. The budget is exactly
// one wave of 50 worst cases, so a single leaked reservation would refuse part of the next wave.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTestGateway, UPSTREAM_KEY, type TestGateway } from '../support/start-test-gateway.ts';
import { failWith, slowChunks, slowFirstByte } from '../support/fake-upstream/index.ts';
import { inWaves, ledgerSpend, TWO_MILLI, TWO_MILLI_REQUEST, TWO_MILLI_USAGE } from '../support/budget-fixtures.ts';

const LIMIT = 50n * TWO_MILLI; // $0.100
let env: TestGateway;
let client: OpenAI;

before(async () => {
  env = await startTestGateway({
    config: (fake) => ({
      providers: [{ name: 'openai', kind: 'openai', base_url: `${fake.url}/v1`, api_key: UPSTREAM_KEY, models: ['*'], timeouts: { connect_ms: 1000, first_byte_ms: 150, total_ms: 30_000 } }],
      budgets: [{ name: 'shared', scope: { global: true }, period: 'day', limit_usd: '0.1', action: 'block' }],
    }),
  });
  client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});
after(() => env.close());
beforeEach(() => env.fake.reset());

/** Waits until the gateway has settled every request (an abort settles a moment after the client left). */
async function settledReservations(): Promise<{ requests: number; reserved: bigint }> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const outstanding = await env.gateway.budgets.outstanding();
    if (outstanding.requests === 0) return outstanding;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return env.gateway.budgets.outstanding();
}

async function failTwoHundred(call: () => Promise<unknown>, expectedStatus: number, width = 50): Promise<void> {
  // A client that aborted has gone before the gateway settles its row: each wave waits for that.
  const results = await inWaves(200, width, call, settledReservations);
  for (const result of results) {
    assert.equal(result.status, 'rejected');
    const error = (result as PromiseRejectedResult).reason;
    if (expectedStatus === 0) continue; // an aborted client sees its own abort
    assert.ok(error instanceof OpenAI.APIError, String(error));
    assert.equal(error.status, expectedStatus, error.message);
  }
  assert.equal(env.fake.count('/v1/chat/completions'), 200, 'every wave fitted the budget, so none of them leaked');
  assert.deepEqual(await settledReservations(), { requests: 0, reserved: 0n });
}

test('200 upstream 500s: released', async () => {
  env.fake.script(failWith(500, { message: 'The server had an error' }), { times: 200 });
  await failTwoHundred(() => client.chat.completions.create(TWO_MILLI_REQUEST), 500);
});

test('200 upstream timeouts (first_byte_ms): released', async () => {
  env.fake.script(slowFirstByte(2_000), { times: 200 });
  await failTwoHundred(() => client.chat.completions.create(TWO_MILLI_REQUEST), 504);
});

test('200 upstream 400s after the reservation (a validation error upstream): released', async () => {
  env.fake.script(failWith(400, { message: "Invalid 'max_tokens': too large", type: 'invalid_request_error' }), { times: 200 });
  await failTwoHundred(() => client.chat.completions.create(TWO_MILLI_REQUEST), 400);
});

test('200 client aborts mid-stream: charged what was streamed, the rest released; the full budget is spendable after all', async () => {
  // Long streams (40 pieces, 20 ms apart): the abort lands long before the end even on a busy machine.
  env.fake.script({ ...slowChunks(20), chunks: 40, text: 'word '.repeat(40), usage: TWO_MILLI_USAGE }, { times: 200 });
  await failTwoHundred(async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create({ ...TWO_MILLI_REQUEST, stream: true }, { signal: controller.signal });
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) controller.abort();
    }
    throw new Error('the stream should have been aborted');
  }, 0, 40); // aborted streams spend a little each, so a wave of 50 worst cases would no longer fit
  const aborted = await env.gateway.store.usage({ where: { status: 'aborted' } });
  assert.equal(aborted.total.requests, 200);
  const spent = await ledgerSpend(env.gateway.store);
  assert.ok(spent > 0n && spent < LIMIT / 2n, `aborted streams cost what they streamed, far less than their worst cases: ${spent}`);

  // Nothing is held: everything but what the aborts spent can be reserved again at once.
  const fits = Number((LIMIT - spent) / TWO_MILLI);
  env.fake.reset();
  env.fake.script({ usage: TWO_MILLI_USAGE }, { times: Infinity });
  const wave = await Promise.allSettled(Array.from({ length: fits + 1 }, () => client.chat.completions.create(TWO_MILLI_REQUEST).withResponse()));
  assert.equal(wave.filter((result) => result.status === 'fulfilled').length, fits);
  assert.equal(env.fake.count('/v1/chat/completions'), fits);
  assert.deepEqual(await settledReservations(), { requests: 0, reserved: 0n });
  const response = await fetch(`${env.url}/api/budgets`);
  const [entry] = ((await response.json()) as { data: { spent_usd: string; remaining_usd: string }[] }).data;
  const total = await ledgerSpend(env.gateway.store);
  assert.equal(total, spent + BigInt(fits) * TWO_MILLI);
  assert.equal(entry?.spent_usd, (Number(total) / 1e9).toFixed(9), 'the budget equals its ledger rows');
  assert.equal(entry?.remaining_usd, (Number(LIMIT - total) / 1e9).toFixed(9));
});
