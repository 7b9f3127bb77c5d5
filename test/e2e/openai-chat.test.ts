// The OpenAI routes end to end: the official `openai` SDK → the real gateway (SQLite ledger) → the fake upstream.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';
import { cutAfterEvents, failWith, slowChunks, slowFirstByte, splitWrites } from '../support/fake-upstream/index.ts';
import type { LedgerRow } from '../../src/core/ports/index.ts';
import { hashRequest } from '../../src/gateway/idempotency/index.ts';

let env: TestGateway;
let client: OpenAI;

before(async () => {
  env = await startTestGateway();
  client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: 'client-key-not-forwarded', maxRetries: 0 });
});
after(() => env.close());
beforeEach(() => env.fake.reset());

async function rowOf(id: string | null): Promise<LedgerRow> {
  assert.ok(id, 'x-costops-request-id header');
  const row = await env.gateway.store.getRequest(id);
  assert.ok(row, `ledger row ${id}`);
  return row;
}

/** The newest ledger row (for responses whose headers the SDK hides, e.g. aborted streams). */
async function latestRow(): Promise<LedgerRow> {
  const page = await env.gateway.store.listRequests({ limit: 1 });
  assert.ok(page.rows[0]);
  return page.rows[0];
}

test('non-stream chat: exact ledger row, cost and headers; the client key never goes upstream', async () => {
  env.fake.script({ usage: { promptTokens: 1000, outputTokens: 500 } });
  const { data, response } = await client.chat.completions
    .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }, { headers: { 'x-costops-user': 'alice', 'x-costops-feature': 'chat', 'x-costops-tags': 'team=search,tier=gold' } })
    .withResponse();
  assert.equal(data.usage?.prompt_tokens, 1000);
  assert.equal(response.headers.get('x-costops-cost-usd'), '0.007500000');
  assert.equal(response.headers.get('x-costops-tokens'), 'in=1000,cached=0,cache_write=0,out=500,reasoning=0');
  assert.equal(response.headers.get('x-costops-model'), 'gpt-4o');
  const row = await rowOf(response.headers.get('x-costops-request-id'));
  assert.deepEqual(
    [row.status, row.httpStatus, row.tenant, row.user, row.feature, row.provider, row.endpoint, row.stream, row.usageSource, row.priceId, row.attempt],
    ['ok', 200, 'default', 'alice', 'chat', 'openai', 'chat.completions', false, 'provider', 'openai:gpt-4o@base', 1],
  );
  assert.deepEqual(row.tags, { team: 'search', tier: 'gold' });
  assert.deepEqual([row.inputTokens, row.cachedInputTokens, row.outputTokens, row.costUsd], [1000, 0, 500, 7_500_000n]);
  assert.ok(row.latencyMs !== null && row.latencyMs >= 0);
  const received = env.fake.requests.at(-1)!;
  assert.equal(received.headers['authorization'], 'Bearer sk-upstream-secret-key-123456');
  assert.ok(!JSON.stringify(received.headers).includes('client-key-not-forwarded'));
});

test('a body the gateway does not change goes upstream byte for byte; one it changes is re-serialized', async () => {
  const sent = '{ "model" : "gpt-4o-mini",\n  "messages": [{"role": "user", "content": "caf\\u00e9 \u00e9"}] }';
  const response = await fetch(`${env.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sent });
  assert.equal(response.status, 200);
  assert.equal(env.fake.requests.at(-1)!.rawBody, sent);
  // a stream without include_usage gets it added: that body is the gateway's own serialization
  const streamed = await fetch(`${env.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sent.replace('"gpt-4o-mini",', '"gpt-4o-mini", "stream": true,') });
  await streamed.text();
  assert.equal(env.fake.requests.at(-1)!.rawBody, JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'café é' }], stream_options: { include_usage: true } }));
});

test('cached and reasoning tokens are priced by class (o3-mini: 1.1 in, 0.55 cached, 4.4 out)', async () => {
  env.fake.script({ usage: { promptTokens: 3000, cachedTokens: 2048, outputTokens: 700, reasoningTokens: 500 } });
  const { response } = await client.chat.completions.create({ model: 'o3-mini', messages: [{ role: 'user', content: 'think' }] }).withResponse();
  const row = await rowOf(response.headers.get('x-costops-request-id'));
  assert.deepEqual([row.inputTokens, row.cachedInputTokens, row.outputTokens, row.reasoningTokens], [952, 2048, 700, 500]);
  // 952 × 1.1 + 2048 × 0.55 + 700 × 4.4 per 1M = 0.0010472 + 0.0011264 + 0.00308
  assert.equal(row.costUsd, 5_253_600n);
  assert.equal(response.headers.get('x-costops-tokens'), 'in=952,cached=2048,cache_write=0,out=700,reasoning=500');
});

test('stream without include_usage: usage asked upstream, stripped from the client stream, row exact', async () => {
  env.fake.script({ usage: { promptTokens: 200, outputTokens: 40 }, chunks: 4 });
  const { data: stream, response } = await client.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  assert.ok(chunks.length >= 4);
  assert.ok(chunks.every((chunk) => !chunk.usage), 'no usage chunk reaches a client that did not ask');
  assert.equal((env.fake.requests.at(-1)!.body as { stream_options?: unknown }).stream_options && true, true);
  const row = await rowOf(response.headers.get('x-costops-request-id'));
  assert.deepEqual([row.status, row.stream, row.inputTokens, row.outputTokens, row.usageSource], ['ok', true, 200, 40, 'provider']);
  assert.equal(row.costUsd, 54_000n); // 200 × 0.15 + 40 × 0.6 per 1M
  assert.ok(row.ttftMs !== null);
});

test('stream with include_usage: the usage chunk reaches the client with costops.cost_usd', async () => {
  env.fake.script({ ...splitWrites('awkward'), usage: { promptTokens: 1000, outputTokens: 500 } });
  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
  let usageChunk: (OpenAI.Chat.Completions.ChatCompletionChunk & { costops?: { cost_usd: string } }) | undefined;
  let text = '';
  for await (const chunk of stream) {
    if (chunk.usage) usageChunk = chunk;
    text += chunk.choices[0]?.delta.content ?? '';
  }
  assert.ok(text.startsWith('Fake reply from gpt-4o'));
  assert.equal(usageChunk?.usage?.prompt_tokens, 1000);
  assert.deepEqual(usageChunk?.costops, { cost_usd: '0.007500000' });
  const row = await latestRow();
  assert.equal(row.costUsd, 7_500_000n);
});

test('a stream the upstream sent whole: chunked as it comes when the gateway is idle, one response with its length when busy; a paced one always chunked', async () => {
  const request = (body: object = {}) =>
    fetch(`${env.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }], ...body }) });
  const usage = { usage: { promptTokens: 200, outputTokens: 40 }, chunks: 3 };
  const closingOf = (text: string) => text.slice(text.lastIndexOf('data: {'));

  // idle: the events go out as they come, the closing events (with the cost) after the row
  env.fake.script(usage);
  const idle = await request();
  const idleText = await idle.text();
  assert.equal(idle.headers.get('transfer-encoding'), 'chunked');
  assert.match(idleText, /"costops":\{"cost_usd":"0\.000054000"\}\}\n\ndata: \[DONE\]\n\n$/);
  const idleRow = await rowOf(idle.headers.get('x-costops-request-id'));
  assert.deepEqual([idleRow.status, idleRow.costUsd, idleRow.responseBytes], ['ok', 54_000n, Buffer.byteLength(idleText) - Buffer.byteLength(closingOf(idleText))]);

  // busy (8 paced streams in flight): the same stream leaves whole, in one response with its length
  env.fake.script({ ...slowChunks(100), ...usage }, { times: 8 });
  env.fake.script(usage);
  const paced = Array.from({ length: 8 }, () => request());
  await env.fake.waitForRequests(9, { pathPrefix: '/v1/chat/completions' });
  const busy = await request();
  const busyText = await busy.text();
  assert.equal(busy.headers.get('transfer-encoding'), null);
  assert.equal(busy.headers.get('content-length'), String(Buffer.byteLength(busyText)));
  assert.match(busyText, /"costops":\{"cost_usd":"0\.000054000"\}\}\n\ndata: \[DONE\]\n\n$/);
  const busyRow = await rowOf(busy.headers.get('x-costops-request-id'));
  assert.deepEqual([busyRow.status, busyRow.costUsd, busyRow.responseBytes], ['ok', 54_000n, Buffer.byteLength(busyText) - Buffer.byteLength(closingOf(busyText))]);
  assert.ok(busyRow.ttftMs !== null);

  // a paced stream: the first event leaves as it came, well before the rest (5 more events, 100 ms apart)
  const started = performance.now();
  const first = await paced[0]!;
  assert.equal(first.headers.get('transfer-encoding'), 'chunked');
  const reader = first.body!.getReader();
  const opening = new TextDecoder().decode((await reader.read()).value);
  const firstAt = performance.now() - started;
  assert.match(opening, /^data: \{.*"role":"assistant"/);
  let rest = '';
  for (let part = await reader.read(); !part.done; part = await reader.read()) rest += new TextDecoder().decode(part.value);
  assert.match(rest, /data: \[DONE\]\n\n$/);
  assert.ok(performance.now() - started - firstAt >= 150, `first event at ${firstAt.toFixed(0)} ms`);
  await Promise.all(paced.slice(1).map(async (response) => (await response).text()));

  // all done: the gateway is idle again, and the next stream sent whole is chunked as it comes
  await new Promise((resolve) => setTimeout(resolve, 20));
  env.fake.script(usage);
  const after = await request();
  await after.text();
  assert.equal(after.headers.get('transfer-encoding'), 'chunked');
});

test('client abort after 3 chunks: upstream cancelled, row aborted with estimated cost > 0', async () => {
  env.fake.script({ ...slowChunks(30), chunks: 12, text: 'one two three four five six seven eight nine ten eleven twelve' });
  const controller = new AbortController();
  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'count' }] }, { signal: controller.signal });
  let seen = 0;
  try {
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) seen++;
      if (seen === 3) controller.abort();
    }
  } catch {
    // the SDK may end the iteration or throw an abort error: either way the client has gone
  }
  assert.equal(seen, 3);
  assert.equal(await env.fake.requests.at(-1)!.settled, 'aborted');
  const row = await waitForSettled();
  assert.equal(row.status, 'aborted');
  assert.equal(row.usageSource, 'estimated');
  assert.ok((row.outputTokens ?? 0) > 0);
  assert.ok((row.inputTokens ?? 0) > 0);
  assert.ok(row.costUsd !== null && row.costUsd > 0n);
});

async function waitForSettled(): Promise<LedgerRow> {
  for (let i = 0; i < 100; i++) {
    const row = await latestRow();
    if (row.status !== 'started') return row;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('row still started');
}

test('upstream cut mid-stream: the client sees an error, the row is error with estimated usage', async () => {
  env.fake.script({ ...cutAfterEvents(2), chunks: 5 });
  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  await assert.rejects(async () => {
    for await (const _chunk of stream) {
      // drain
    }
  });
  const row = await waitForSettled();
  assert.deepEqual([row.status, row.errorCode, row.usageSource], ['error', 'upstream_stream_cut', 'estimated']);
});

test('upstream 500 passes through with status and body; the row records it at $0', async () => {
  env.fake.script(failWith(500, { message: 'The server had an error' }));
  const error = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
  assert.ok(error instanceof OpenAI.InternalServerError);
  assert.match(error.message, /The server had an error/);
  const row = await latestRow();
  assert.deepEqual([row.status, row.httpStatus, row.costUsd], ['error', 500, 0n]);
});

test('upstream timeout → 504 with a clear error; the row says so', async () => {
  env.fake.script(slowFirstByte(2_000));
  // a second gateway whose provider has a 200 ms first-byte timeout, in front of the same fake
  const { validateConfig } = await import('../../src/gateway/config/index.ts');
  const { startGateway } = await import('../../src/gateway/server.ts');
  const gateway = await startGateway({
    port: 0,
    config: validateConfig({
      storage: { url: `sqlite:${env.dir}/timeouts.db` },
      providers: [{ name: 'openai', kind: 'openai', base_url: `${env.fake.url}/v1`, api_key: 'sk-upstream-secret-key-123456', models: ['*'], timeouts: { connect_ms: 1000, first_byte_ms: 200, total_ms: 5000 } }],
    }),
  });
  try {
    const timeoutClient = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const error = await timeoutClient.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    assert.ok(error instanceof OpenAI.APIError);
    assert.equal(error.status, 504);
    assert.match(error.message, /sent no response within 200 ms \(providers\[\]\.timeouts\.first_byte_ms\)/);
    const row = (await gateway.store.listRequests({ limit: 1 })).rows[0]!;
    assert.deepEqual([row.status, row.httpStatus, row.errorCode], ['error', 504, 'upstream_timeout']);
  } finally {
    await gateway.close();
  }
});

test('bad input: invalid JSON 400, oversize 413, no model 400, unknown model 404 — in OpenAI error format', async () => {
  type ErrorJson = { error: { code: string; message: string } };
  const post = async (body: string, headers: Record<string, string> = {}) =>
    fetch(`${env.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const invalid = await post('{"model": "gpt-4o", ');
  assert.equal(invalid.status, 400);
  const invalidBody = (await invalid.json()) as ErrorJson;
  assert.equal(invalidBody.error.code, 'invalid_json');
  assert.match(invalidBody.error.message, /not valid JSON/);

  const huge = await post(JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(11 * 1024 * 1024) }] }));
  assert.equal(huge.status, 413);
  assert.equal(((await huge.json()) as ErrorJson).error.code, 'payload_too_large');

  const noModel = await post(JSON.stringify({ messages: [] }));
  assert.equal(noModel.status, 400);
  assert.equal(((await noModel.json()) as ErrorJson).error.code, 'missing_model');

  const error = await client.chat.completions.create({ model: 'no-such-model-xyz', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
  assert.ok(error instanceof OpenAI.NotFoundError);
  assert.match(error.message, /no provider of kind openai\/openai-compatible serves model "no-such-model-xyz". Configured providers: openai \(openai: \*\)/);

  const badHeader = await post(JSON.stringify({ model: 'gpt-4o', messages: [] }), { 'x-costops-user': 'u'.repeat(300) });
  assert.equal(badHeader.status, 400);
  assert.match(((await badHeader.json()) as ErrorJson).error.message, /x-costops-user is 300 characters long; the limit is 256/);
  assert.equal(env.fake.count(), 0, 'nothing bad reached the upstream');
});

test('embeddings and the Responses API are ledgered exactly', async () => {
  env.fake.script({ usage: { promptTokens: 12 } });
  const { response } = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello world' }).withResponse();
  const embeddingRow = await rowOf(response.headers.get('x-costops-request-id'));
  assert.deepEqual([embeddingRow.endpoint, embeddingRow.inputTokens, embeddingRow.costUsd], ['embeddings', 12, 240n]); // 12 × 0.02/1M

  env.fake.script({ usage: { promptTokens: 1000, cachedTokens: 400, outputTokens: 300, reasoningTokens: 100 } });
  const { response: responsesResponse } = await client.responses.create({ model: 'gpt-4.1', input: 'hello' }).withResponse();
  const row = await rowOf(responsesResponse.headers.get('x-costops-request-id'));
  // 600 × 2 + 400 × 0.5 + 300 × 8 per 1M
  assert.deepEqual([row.endpoint, row.inputTokens, row.cachedInputTokens, row.outputTokens, row.reasoningTokens, row.costUsd], ['responses', 600, 400, 300, 100, 3_800_000n]);
});

test('the proxy paths served before Hono: a query string is not part of the path; other methods and paths are Hono\'s', async () => {
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
  const response = await fetch(`${env.url}/v1/chat/completions?trace=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(response.status, 200);
  const row = await rowOf(response.headers.get('x-costops-request-id'));
  assert.equal(row.requestHash, hashRequest('/v1/chat/completions', body));
  assert.equal(env.fake.requests.at(-1)!.rawBody, body);
  const bad = await fetch(`${env.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: '{"model":' });
  assert.equal(bad.status, 400);
  const text = await bad.text();
  assert.equal(bad.headers.get('content-length'), String(Buffer.byteLength(text)));
  assert.equal((JSON.parse(text) as { type: string; error: { type: string } }).type, 'error', 'Anthropic-style error body');
  assert.equal((await fetch(`${env.url}/v1/chat/completions`)).status, 404);
  assert.equal((await fetch(`${env.url}/v1/chat/completions/`, { method: 'POST', body })).status, 404);
});

test('GET /v1/models lists configured models', async () => {
  const models = await client.models.list();
  assert.deepEqual(models.data.map((model) => model.id), ['my-local-model']);
});
