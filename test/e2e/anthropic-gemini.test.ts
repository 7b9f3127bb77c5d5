// Anthropic and Gemini routes end to end: @anthropic-ai/sdk and plain fetch → the real gateway → the fake upstream.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';
import { failWith, readSse } from '../support/fake-upstream/index.ts';
import type { LedgerRow } from '../../src/core/ports/index.ts';

let env: TestGateway;
let client: Anthropic;

before(async () => {
  env = await startTestGateway();
  client = new Anthropic({ baseURL: env.url, apiKey: 'client-key-not-forwarded', maxRetries: 0 });
});
after(() => env.close());
beforeEach(() => env.fake.reset());

async function rowOf(id: string | null): Promise<LedgerRow> {
  assert.ok(id, 'x-costops-request-id header');
  const row = await env.gateway.store.getRequest(id);
  assert.ok(row);
  return row;
}

test('Anthropic messages: cache write (5m and 1h) and cache read priced exactly', async () => {
  env.fake.script({ usage: { inputTokens: 1000, cachedTokens: 2000, cacheWrite5mTokens: 300, cacheWrite1hTokens: 100, outputTokens: 500 } });
  const { data, response } = await client.messages
    .create({ model: 'claude-sonnet-4-0', max_tokens: 1024, messages: [{ role: 'user', content: 'hello' }] }, { headers: { 'x-costops-feature': 'summaries' } })
    .withResponse();
  assert.equal(data.usage.cache_read_input_tokens, 2000);
  const row = await rowOf(response.headers.get('x-costops-request-id'));
  assert.deepEqual(
    [row.endpoint, row.provider, row.feature, row.inputTokens, row.cachedInputTokens, row.cacheWriteTokens, row.cacheWrite1hTokens, row.outputTokens],
    ['messages', 'anthropic', 'summaries', 1000, 2000, 400, 100, 500],
  );
  // 1000 × 3 + 2000 × 0.3 + 300 × 3.75 + 100 × 6 + 500 × 15 per 1M = 0.003 + 0.0006 + 0.001125 + 0.0006 + 0.0075
  assert.equal(row.costUsd, 12_825_000n);
  assert.equal(response.headers.get('x-costops-cost-usd'), '0.012825000');
  assert.equal(response.headers.get('x-costops-tokens'), 'in=1000,cached=2000,cache_write=400,out=500,reasoning=0');
  const received = env.fake.requests.at(-1)!;
  assert.equal(received.headers['x-api-key'], 'sk-upstream-secret-key-123456');
  assert.ok(!JSON.stringify(received.headers).includes('client-key-not-forwarded'));
});

test('the issue example: claude-sonnet-4 1,000 uncached + 2,000 cache-read in / 500 out = $0.0111', async () => {
  env.fake.script({ usage: { inputTokens: 1000, cachedTokens: 2000, outputTokens: 500 } });
  const { response } = await client.messages.create({ model: 'claude-sonnet-4-20250514', max_tokens: 600, messages: [{ role: 'user', content: 'x' }] }).withResponse();
  assert.equal(response.headers.get('x-costops-cost-usd'), '0.011100000');
});

test('Anthropic stream: cumulative message_delta usage is taken once (never summed)', async () => {
  env.fake.script({ usage: { inputTokens: 800, cachedTokens: 100, outputTokens: 250 }, chunks: 5 });
  const stream = client.messages.stream({ model: 'claude-3-5-haiku-latest', max_tokens: 500, messages: [{ role: 'user', content: 'stream please' }] });
  const message = await stream.finalMessage();
  assert.equal(message.usage.output_tokens, 250);
  const page = await env.gateway.store.listRequests({ limit: 1 });
  const row = page.rows[0]!;
  assert.deepEqual([row.status, row.stream, row.inputTokens, row.cachedInputTokens, row.outputTokens, row.usageSource], ['ok', true, 800, 100, 250, 'provider']);
  // claude-3-5-haiku: 0.8 in, 0.08 cache read, 4 out per 1M
  assert.equal(row.costUsd, 1_648_000n);
});

test('Anthropic errors come back in Anthropic format; bad JSON too', async () => {
  env.fake.script(failWith(529));
  const error = await client.messages.create({ model: 'claude-sonnet-4-0', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }).catch((caught: unknown) => caught);
  assert.ok(error instanceof Anthropic.APIError);
  assert.equal(error.status, 529);
  const bad = await fetch(`${env.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
  assert.equal(bad.status, 400);
  const body = (await bad.json()) as { type: string; error: { type: string; message: string } };
  assert.equal(body.type, 'error');
  assert.equal(body.error.type, 'invalid_request_error');
});

test('count_tokens passes through with the provider key and no ledger row', async () => {
  const before = (await env.gateway.store.listRequests({ limit: 1000 })).rows.length;
  const result = await client.messages.countTokens({ model: 'claude-sonnet-4-0', messages: [{ role: 'user', content: 'how many tokens is this?' }] });
  assert.ok(result.input_tokens > 0);
  assert.equal((await env.gateway.store.listRequests({ limit: 1000 })).rows.length, before);
});

test('Gemini generateContent: thoughts are output, cached content priced at the cache rate', async () => {
  env.fake.script({ usage: { promptTokens: 1200, cachedTokens: 200, outputTokens: 300, reasoningTokens: 100 } });
  const response = await fetch(`${env.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'client-key' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }),
  });
  assert.equal(response.status, 200);
  const row = await rowOf(response.headers.get('x-costops-request-id'));
  assert.deepEqual([row.endpoint, row.provider, row.inputTokens, row.cachedInputTokens, row.outputTokens, row.reasoningTokens], ['generateContent', 'gemini', 1000, 200, 300, 100]);
  // gemini-2.5-flash: 0.3 in, 0.03 cached, 2.5 out per 1M
  assert.equal(row.costUsd, 1_056_000n);
  assert.equal(env.fake.requests.at(-1)!.headers['x-goog-api-key'], 'sk-upstream-secret-key-123456');
});

test('Gemini 2.5 Pro over 200k tokens: the whole request at the higher tier ($0.64)', async () => {
  env.fake.script({ usage: { promptTokens: 250_000, outputTokens: 1000 } });
  const response = await fetch(`${env.url}/v1beta/models/gemini-2.5-pro:generateContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'long' }] }] }),
  });
  assert.equal(response.headers.get('x-costops-cost-usd'), '0.640000000');
});

test('Gemini streamGenerateContent (SSE, CRLF framing): last cumulative usage wins', async () => {
  env.fake.script({ usage: { promptTokens: 500, outputTokens: 90 }, chunks: 4 });
  const response = await fetch(`${env.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'stream' }] }] }),
  });
  assert.equal(response.status, 200);
  const { events, text } = await readSse(response);
  assert.ok(events.length >= 4);
  assert.ok(text.includes('\r\n\r\n'), 'the upstream framing passes through unchanged');
  const row = await rowOf(response.headers.get('x-costops-request-id'));
  assert.deepEqual([row.status, row.stream, row.inputTokens, row.outputTokens, row.usageSource], ['ok', true, 500, 90, 'provider']);
  assert.equal(row.costUsd, 375_000n); // 500 × 0.3 + 90 × 2.5 per 1M
  assert.equal(env.fake.requests.at(-1)!.query.get('alt'), 'sse');
});

test('Gemini errors are in Gemini format; an unknown method is 404', async () => {
  const unknown = await fetch(`${env.url}/v1beta/models/gemini-2.5-pro:embedText`, { method: 'POST', body: '{}' });
  assert.equal(unknown.status, 404);
  const body = (await unknown.json()) as { error: { code: number; status: string } };
  assert.deepEqual([body.error.code, body.error.status], [404, 'NOT_FOUND']);
});
