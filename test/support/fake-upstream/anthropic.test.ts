import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { failWith, overloaded, rateLimited, startFakeUpstream, type FakeUpstream } from './index.ts';
import { jsonData, readJson, readSse } from './readers.ts';

let fake: FakeUpstream;
before(async () => (fake = await startFakeUpstream()));
after(() => fake.close());
beforeEach(() => fake.reset());

function post(path: string, body: unknown): Promise<Response> {
  return fetch(fake.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'sk-ant-test' },
    body: JSON.stringify(body),
  });
}

const messages = { model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Explain prompt caching' }] };
const cacheUsage = { promptTokens: 1000, cachedTokens: 600, cacheWrite5mTokens: 200, cacheWrite1hTokens: 100, outputTokens: 42 };

test('message: content and usage with cache read, cache writes and their TTL breakdown', async () => {
  fake.script({ usage: cacheUsage });
  const response = await post('/v1/messages', messages);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('request-id') ?? '', /^req_/);
  const body = await readJson(response);
  assert.equal(body.type, 'message');
  assert.equal(body.role, 'assistant');
  assert.equal(body.stop_reason, 'end_turn');
  assert.deepEqual(body.content, [{ type: 'text', text: 'Fake reply from claude-sonnet-4-5 to: Explain prompt caching' }]);
  assert.deepEqual(body.usage, {
    input_tokens: 100,
    cache_creation_input_tokens: 300,
    cache_read_input_tokens: 600,
    cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 100 },
    output_tokens: 42,
    service_tier: 'standard',
  });
});

test('stream: exact event order, message_start output_tokens 1, message_delta cumulative usage', async () => {
  fake.script({ usage: cacheUsage, chunks: 2 });
  const response = await post('/v1/messages', { ...messages, stream: true });
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const { events, text } = await readSse(response);
  assert.ok(text.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n'));
  assert.deepEqual(
    events.map((event) => event.event),
    ['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'],
  );
  const data = jsonData<Record<string, any>>(events);
  assert.deepEqual(events.map((event) => event.event), data.map((item) => item['type']));
  const start = data[0]!['message'];
  assert.deepEqual(start.content, []);
  assert.equal(start.stop_reason, null);
  assert.equal(start.usage.output_tokens, 1);
  assert.equal(start.usage.input_tokens, 100);
  assert.equal(start.usage.cache_read_input_tokens, 600);
  assert.equal(start.usage.cache_creation_input_tokens, 300);
  const text2 = data.filter((item) => item['type'] === 'content_block_delta').map((item) => item['delta'].text).join('');
  assert.equal(text2, 'Fake reply from claude-sonnet-4-5 to: Explain prompt caching');
  const delta = data[6]!;
  assert.deepEqual(delta['delta'], { stop_reason: 'end_turn', stop_sequence: null });
  assert.deepEqual(delta['usage'], { input_tokens: 100, cache_creation_input_tokens: 300, cache_read_input_tokens: 600, output_tokens: 42 });
});

test('stream with output-only message_delta usage (older API shape)', async () => {
  fake.script({ usage: { outputTokens: 9 }, anthropicDeltaUsage: 'output-only' });
  const data = jsonData<Record<string, any>>((await readSse(await post('/v1/messages', { ...messages, stream: true }))).events);
  assert.deepEqual(data.find((item) => item['type'] === 'message_delta')!['usage'], { output_tokens: 9 });
});

test('reasoning tokens give a thinking block before the text (JSON and stream)', async () => {
  fake.script({ usage: { reasoningTokens: 30, outputTokens: 40 } }, { times: 2 });
  const body = await readJson(await post('/v1/messages', messages));
  assert.deepEqual(body.content.map((block: { type: string }) => block.type), ['thinking', 'text']);
  assert.equal(body.usage.output_tokens, 40);
  const data = jsonData<Record<string, any>>((await readSse(await post('/v1/messages', { ...messages, stream: true }))).events);
  const blocks = data.filter((item) => item['type'] === 'content_block_start').map((item) => [item['index'], item['content_block'].type]);
  assert.deepEqual(blocks, [
    [0, 'thinking'],
    [1, 'text'],
  ]);
  const deltaTypes = data.filter((item) => item['type'] === 'content_block_delta').map((item) => item['delta'].type);
  assert.deepEqual(deltaTypes.slice(0, 2), ['thinking_delta', 'signature_delta']);
});

test('count_tokens answers {input_tokens}', async () => {
  fake.script({ usage: { promptTokens: 321 } });
  const response = await post('/v1/messages/count_tokens', { model: 'claude-sonnet-4-5', messages: messages.messages });
  assert.deepEqual(await readJson(response), { input_tokens: 321 });
});

test('a request without max_tokens is refused as the API does', async () => {
  const response = await post('/v1/messages', { model: 'claude-sonnet-4-5', messages: messages.messages });
  assert.equal(response.status, 400);
  const body = await readJson(response);
  assert.equal(body.type, 'error');
  assert.deepEqual(body.error, { type: 'invalid_request_error', message: 'max_tokens: Field required' });
});

test('error bodies: {"type":"error","error":{"type","message"}} per status', async () => {
  const cases: [number, string][] = [
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [404, 'not_found_error'],
    [500, 'api_error'],
    [529, 'overloaded_error'],
  ];
  for (const [status, type] of cases) {
    fake.script(status === 529 ? overloaded() : failWith(status));
    const response = await post('/v1/messages', messages);
    assert.equal(response.status, status);
    const body = await readJson(response);
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, type);
    assert.equal(typeof body.error.message, 'string');
    if (status === 529) assert.equal(body.error.message, 'Overloaded');
  }
});

test('429 carries retry-after and anthropic-ratelimit-* headers', async () => {
  fake.script(rateLimited({ retryAfter: 3 }));
  const response = await post('/v1/messages', messages);
  assert.equal(response.status, 429);
  assert.equal(response.headers.get('retry-after'), '3');
  assert.equal(response.headers.get('anthropic-ratelimit-requests-limit'), '60');
  assert.equal(response.headers.get('anthropic-ratelimit-requests-remaining'), '0');
  assert.match(response.headers.get('anthropic-ratelimit-requests-reset') ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal((await readJson(response)).error.type, 'rate_limit_error');
});

test('GET /v1/models with anthropic-version answers the Anthropic list shape', async () => {
  const response = await fetch(`${fake.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } });
  const body = await readJson(response);
  assert.equal(body.has_more, false);
  assert.ok(body.data.every((model: { type: string }) => model.type === 'model'));
});
