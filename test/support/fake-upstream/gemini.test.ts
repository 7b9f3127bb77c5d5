import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { failWith, overloaded, rateLimited, startFakeUpstream, type FakeUpstream } from './index.ts';
import { jsonData, readJson, readSse } from './readers.ts';

let fake: FakeUpstream;
before(async () => (fake = await startFakeUpstream()));
after(() => fake.close());
beforeEach(() => fake.reset());

function post(path: string, body: unknown): Promise<Response> {
  return fetch(fake.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-api-key': 'g-test' }, body: JSON.stringify(body) });
}

const model = 'gemini-2.5-flash';
const request = { contents: [{ role: 'user', parts: [{ text: 'Name three teas' }] }] };
const usage = { promptTokens: 500, cachedTokens: 300, reasoningTokens: 20, outputTokens: 50 };

interface GeminiChunk {
  candidates: { content: { parts: { text: string }[]; role: string }; finishReason?: string }[];
  usageMetadata: Record<string, number | unknown>;
  modelVersion: string;
}

test('generateContent: candidates and usageMetadata with cached and thoughts counts', async () => {
  fake.script({ usage });
  const response = await post(`/v1beta/models/${model}:generateContent`, request);
  assert.equal(response.status, 200);
  const body = (await readJson(response)) as GeminiChunk;
  assert.deepEqual(body.candidates[0]!.content, { parts: [{ text: `Fake reply from ${model} to: Name three teas` }], role: 'model' });
  assert.equal(body.candidates[0]!.finishReason, 'STOP');
  assert.equal(body.modelVersion, model);
  assert.deepEqual(body.usageMetadata, {
    promptTokenCount: 500,
    candidatesTokenCount: 30,
    totalTokenCount: 550,
    cachedContentTokenCount: 300,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: 500 }],
    cacheTokensDetails: [{ modality: 'TEXT', tokenCount: 300 }],
    thoughtsTokenCount: 20,
  });
});

test('unreported classes are omitted, not sent as 0', async () => {
  const body = (await readJson(await post(`/v1beta/models/${model}:generateContent`, request))) as GeminiChunk;
  assert.ok(!('cachedContentTokenCount' in body.usageMetadata));
  assert.ok(!('thoughtsTokenCount' in body.usageMetadata));
});

test('streamGenerateContent?alt=sse: CRLF-framed chunks, cumulative usageMetadata, finishReason on the last', async () => {
  fake.script({ usage, chunks: 4 });
  const response = await post(`/v1beta/models/${model}:streamGenerateContent?alt=sse`, request);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const { events, text } = await readSse(response);
  assert.ok(text.startsWith('data: {'));
  assert.equal(text.split('\r\n\r\n').length, 5);
  const chunks = jsonData<GeminiChunk>(events);
  assert.equal(chunks.length, 4);
  const candidates = chunks.map((chunk) => chunk.usageMetadata['candidatesTokenCount'] as number);
  assert.deepEqual(candidates, [...candidates].sort((a, b) => a - b));
  assert.equal(candidates.at(-1), 30);
  assert.ok(chunks.every((chunk) => chunk.usageMetadata['promptTokenCount'] === 500 && chunk.usageMetadata['thoughtsTokenCount'] === 20));
  assert.equal(chunks.at(-1)!.usageMetadata['totalTokenCount'], 550);
  assert.deepEqual(chunks.map((chunk) => chunk.candidates[0]!.finishReason), [undefined, undefined, undefined, 'STOP']);
  assert.equal(chunks.map((chunk) => chunk.candidates[0]!.content.parts[0]!.text).join(''), `Fake reply from ${model} to: Name three teas`);
});

test('streamGenerateContent without alt=sse streams one JSON array', async () => {
  const response = await post(`/v1beta/models/${model}:streamGenerateContent`, request);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const chunks = (await readJson(response)) as GeminiChunk[];
  assert.equal(chunks.length, 3);
  assert.equal(chunks.at(-1)!.candidates[0]!.finishReason, 'STOP');
});

test('countTokens answers totalTokens', async () => {
  fake.script({ usage: { promptTokens: 77 } });
  const body = await readJson(await post(`/v1beta/models/${model}:countTokens`, request));
  assert.equal(body.totalTokens, 77);
});

test('error bodies: {"error":{"code","message","status"}}', async () => {
  const cases: [number, string][] = [
    [400, 'INVALID_ARGUMENT'],
    [401, 'UNAUTHENTICATED'],
    [404, 'NOT_FOUND'],
    [500, 'INTERNAL'],
    [529, 'UNAVAILABLE'],
  ];
  for (const [status, grpcStatus] of cases) {
    fake.script(status === 529 ? overloaded() : failWith(status));
    const response = await post(`/v1beta/models/${model}:generateContent`, request);
    assert.equal(response.status, status);
    const body = await readJson(response);
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'status']);
    assert.equal(body.error.code, status);
    assert.equal(body.error.status, grpcStatus);
    if (status === 404) assert.match(body.error.message, /models\/gemini-2\.5-flash is not found/);
  }
});

test('429 has retry-after and a RetryInfo detail', async () => {
  fake.script(rateLimited({ retryAfter: 17 }));
  const response = await post(`/v1beta/models/${model}:generateContent`, request);
  assert.equal(response.status, 429);
  assert.equal(response.headers.get('retry-after'), '17');
  const body = await readJson(response);
  assert.equal(body.error.status, 'RESOURCE_EXHAUSTED');
  assert.deepEqual(body.error.details, [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '17s' }]);
});

test('a request without contents is refused', async () => {
  const response = await post(`/v1beta/models/${model}:generateContent`, {});
  assert.equal(response.status, 400);
  assert.equal((await readJson(response)).error.status, 'INVALID_ARGUMENT');
});
