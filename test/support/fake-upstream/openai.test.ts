import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { failWith, overloaded, rateLimited, startFakeUpstream, type FakeUpstream } from './index.ts';
import { jsonData, readJson, readSse } from './readers.ts';

let fake: FakeUpstream;
before(async () => (fake = await startFakeUpstream()));
after(() => fake.close());
beforeEach(() => fake.reset());

function post(path: string, body: unknown): Promise<Response> {
  return fetch(fake.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'What is the price of tea?' }] };
const usage = { promptTokens: 100, cachedTokens: 40, outputTokens: 25, reasoningTokens: 5 };

test('chat completion: text derived from the request, usage in OpenAI fields', async () => {
  fake.script({ usage });
  const response = await post('/v1/chat/completions', chat);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  assert.match(response.headers.get('x-request-id') ?? '', /^req_/);
  const body = await readJson(response);
  assert.equal(body.object, 'chat.completion');
  assert.equal(body.model, 'gpt-4o-mini');
  assert.deepEqual(body.choices[0].message, {
    role: 'assistant',
    content: 'Fake reply from gpt-4o-mini to: What is the price of tea?',
    refusal: null,
    annotations: [],
  });
  assert.equal(body.choices[0].finish_reason, 'stop');
  assert.deepEqual(body.usage, {
    prompt_tokens: 100,
    completion_tokens: 25,
    total_tokens: 125,
    prompt_tokens_details: { cached_tokens: 40, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 5, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  });
});

test('chat completion is deterministic for the same request', async () => {
  const first = await readJson(await post('/v1/chat/completions', chat));
  const second = await readJson(await post('/v1/chat/completions', chat));
  assert.equal(first.choices[0].message.content, second.choices[0].message.content);
  assert.deepEqual(first.usage, second.usage);
});

test('chat stream without include_usage: role chunk, N content chunks, finish chunk, [DONE]; no usage anywhere', async () => {
  fake.script({ text: 'one two three four', chunks: 4 });
  const response = await post('/v1/chat/completions', { ...chat, stream: true });
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const { events, text } = await readSse(response);
  assert.ok(text.endsWith('data: [DONE]\n\n'));
  assert.equal(events.at(-1)?.data, '[DONE]');
  assert.ok(events.every((event) => event.event === undefined));
  const chunks = jsonData(events);
  assert.equal(chunks.length, 1 + 4 + 1);
  assert.ok(chunks.every((chunk) => chunk['object'] === 'chat.completion.chunk' && !('usage' in chunk)));
  const deltas = chunks.map((chunk) => (chunk['choices'] as { delta: { content?: string } }[])[0]!.delta);
  assert.equal((deltas[0] as { role?: string }).role, 'assistant');
  assert.equal(deltas.map((delta) => delta.content ?? '').join(''), 'one two three four');
  assert.equal((chunks.at(-1)!['choices'] as { finish_reason: string }[])[0]!.finish_reason, 'stop');
});

test('chat stream with include_usage: every chunk has usage null, then a choices: [] usage chunk before [DONE]', async () => {
  fake.script({ usage });
  const response = await post('/v1/chat/completions', { ...chat, stream: true, stream_options: { include_usage: true } });
  const { events } = await readSse(response);
  const chunks = jsonData(events);
  const last = chunks.at(-1)!;
  assert.deepEqual(last['choices'], []);
  assert.equal((last['usage'] as { prompt_tokens: number }).prompt_tokens, 100);
  assert.equal((last['usage'] as { completion_tokens_details: { reasoning_tokens: number } }).completion_tokens_details.reasoning_tokens, 5);
  assert.ok(chunks.slice(0, -1).every((chunk) => chunk['usage'] === null));
  assert.equal(events.at(-1)?.data, '[DONE]');
});

test('responses: JSON response object with usage, and an event stream whose event names match data.type', async () => {
  fake.script({ usage }, { times: 2 });
  const request = { model: 'o3-mini', input: 'Summarize the ledger' };
  const body = await readJson(await post('/v1/responses', request));
  assert.equal(body.object, 'response');
  assert.equal(body.status, 'completed');
  assert.deepEqual(body.output.map((item: { type: string }) => item.type), ['reasoning', 'message']);
  assert.equal(body.output[1].content[0].text, 'Fake reply from o3-mini to: Summarize the ledger');
  assert.deepEqual(body.usage, {
    input_tokens: 100,
    input_tokens_details: { cached_tokens: 40 },
    output_tokens: 25,
    output_tokens_details: { reasoning_tokens: 5 },
    total_tokens: 125,
  });

  const { events } = await readSse(await post('/v1/responses', { ...request, stream: true }));
  const data = jsonData<{ type: string; sequence_number: number; delta?: string; response?: { usage: unknown } }>(events);
  assert.deepEqual(events.map((event) => event.event), data.map((item) => item.type));
  assert.deepEqual(data.map((item) => item.sequence_number), data.map((_, index) => index));
  assert.equal(data[0]!.type, 'response.created');
  assert.equal(data[0]!.response!.usage, null);
  assert.equal(data.at(-1)!.type, 'response.completed');
  assert.deepEqual(data.at(-1)!.response!.usage, body.usage);
  const deltas = data.filter((item) => item.type === 'response.output_text.delta');
  assert.equal(deltas.length, 3);
  assert.equal(deltas.map((item) => item.delta).join(''), body.output[1].content[0].text);
});

test('embeddings: deterministic unit vectors as floats or base64 float32', async () => {
  const floats = await readJson(await post('/v1/embeddings', { model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 4 }));
  assert.equal(floats.object, 'list');
  assert.equal(floats.data.length, 2);
  const vector = floats.data[0].embedding as number[];
  assert.equal(vector.length, 4);
  assert.ok(Math.abs(Math.hypot(...vector) - 1) < 1e-6);
  assert.equal(floats.usage.prompt_tokens, floats.usage.total_tokens);

  const base64 = await readJson(await post('/v1/embeddings', { model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 4, encoding_format: 'base64' }));
  const bytes = Buffer.from(base64.data[0].embedding, 'base64');
  const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
  assert.deepEqual(decoded, vector);
});

test('legacy completions: JSON and stream, usage chunk only when asked', async () => {
  fake.script({ usage: { promptTokens: 7, outputTokens: 3 } }, { times: 3 });
  const body = await readJson(await post('/v1/completions', { model: 'gpt-3.5-turbo-instruct', prompt: 'Say hi' }));
  assert.equal(body.object, 'text_completion');
  assert.deepEqual(body.usage, { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });

  const plain = jsonData((await readSse(await post('/v1/completions', { model: 'm', prompt: 'Say hi', stream: true }))).events);
  assert.ok(plain.every((chunk) => !('usage' in chunk)));
  const withUsage = jsonData(
    (await readSse(await post('/v1/completions', { model: 'm', prompt: 'Say hi', stream: true, stream_options: { include_usage: true } }))).events,
  );
  assert.deepEqual(withUsage.at(-1), { ...withUsage.at(-1), choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } });
});

test('models list and a missing model', async () => {
  const models = await readJson(await fetch(`${fake.url}/v1/models`));
  assert.equal(models.object, 'list');
  assert.ok(models.data.every((model: { object: string }) => model.object === 'model'));
  const response = await post('/v1/chat/completions', { messages: [] });
  assert.equal(response.status, 400);
  assert.equal((await readJson(response)).error.type, 'invalid_request_error');
});

test('error bodies: {"error":{"message","type","param","code"}} with the provider values per status', async () => {
  const cases: [number, string, string | null][] = [
    [400, 'invalid_request_error', null],
    [401, 'invalid_request_error', 'invalid_api_key'],
    [404, 'invalid_request_error', 'model_not_found'],
    [500, 'server_error', null],
    [529, 'server_error', null],
  ];
  for (const [status, type, code] of cases) {
    fake.script(status === 529 ? overloaded() : failWith(status));
    const response = await post('/v1/chat/completions', chat);
    assert.equal(response.status, status);
    const body = await readJson(response);
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type']);
    assert.equal(body.error.type, type);
    assert.equal(body.error.code, code);
    assert.equal(body.error.param, null);
    if (status === 404) assert.match(body.error.message, /The model `gpt-4o-mini` does not exist/);
  }
  fake.script(failWith(400, { message: 'Bad temperature', param: 'temperature', code: 'invalid_value' }));
  const custom = await readJson(await post('/v1/chat/completions', chat));
  assert.deepEqual(custom, { error: { message: 'Bad temperature', type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' } });
});

test('429 carries retry-after and x-ratelimit-* headers', async () => {
  fake.script(rateLimited({ retryAfter: 2 }));
  const response = await post('/v1/chat/completions', chat);
  assert.equal(response.status, 429);
  assert.equal(response.headers.get('retry-after'), '2');
  assert.equal(response.headers.get('x-ratelimit-limit-requests'), '60');
  assert.equal(response.headers.get('x-ratelimit-remaining-requests'), '0');
  assert.equal(response.headers.get('x-ratelimit-reset-requests'), '2s');
  assert.equal(response.headers.get('x-ratelimit-limit-tokens'), '150000');
  assert.equal(response.headers.get('x-ratelimit-remaining-tokens'), '0');
  const body = await readJson(response);
  assert.equal(body.error.code, 'rate_limit_exceeded');
  assert.equal(body.error.type, 'requests');
});

test('rate-limit headers can ride on a successful reply too (for upstream pacing)', async () => {
  fake.script({ rateLimit: { limitRequests: 500, remainingRequests: 499, resetRequestsSeconds: 0.12 } });
  const response = await post('/v1/chat/completions', chat);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-ratelimit-remaining-requests'), '499');
  assert.equal(response.headers.get('x-ratelimit-reset-requests'), '120ms');
  await response.arrayBuffer();
});
