import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import {
  cutAfterEvents,
  failMidStream,
  hang,
  slowChunks,
  slowFirstByte,
  splitWrites,
  stallAfterEvents,
  startFakeUpstream,
  type FakeUpstream,
} from './index.ts';
import { jsonData, parseSse, readChunks, readJson, readSse } from './readers.ts';

let fake: FakeUpstream;
before(async () => (fake = await startFakeUpstream()));
after(() => fake.close());
beforeEach(() => fake.reset());

function post(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(fake.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
}

const stream = { model: 'gpt-4o', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'héllo wörld 🌍 ünïcode' }] };
const anthropicStream = { model: 'claude-haiku-4-5', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'héllo 🌍' }] };
const gemini = '/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse';
const geminiBody = { contents: [{ role: 'user', parts: [{ text: 'ünïcode 🌍' }] }] };

test('awkward split writes arrive as separate chunks cut inside data: lines and between the two newlines', async () => {
  const reference = await readSse(await post('/v1/chat/completions', stream));
  fake.script(splitWrites());
  const split = await readSse(await post('/v1/chat/completions', stream));
  const eventCount = reference.events.length;
  assert.ok(split.chunks.length > eventCount, `expected more reads than events, got ${split.chunks.length} for ${eventCount}`);
  const pieces = split.chunks.map((chunk) => chunk.toString('latin1'));
  assert.ok(pieces.some((piece) => piece.endsWith('dat')), 'a piece ends inside "data:"');
  assert.ok(pieces.some((piece) => piece.startsWith('\ndat')), 'a piece starts with the second newline of a terminator');
  assert.ok(
    split.chunks.some((chunk) => (chunk.at(-1)! & 0xc0) === 0xc0 || (chunk.at(-1)! & 0xc0) === 0x80),
    'a piece ends inside a multi-byte character',
  );
  assert.ok(!split.chunks.every((chunk) => chunk.toString('latin1').endsWith('\n\n')));
  // Same bytes once reassembled, but for the per-request id and timestamp.
  const normalize = (text: string): string => text.replaceAll(/fake\d+/g, 'ID').replaceAll(/"created":\d+/g, '"created":0');
  assert.equal(split.events.length, eventCount);
  assert.equal(normalize(split.text), normalize(reference.text));
});

test('split writes work for Anthropic named events and Gemini CRLF frames too', async () => {
  fake.script(splitWrites(), { times: 2 });
  const anthropic = await readSse(await post('/v1/messages', anthropicStream));
  assert.equal(anthropic.events.at(-1)?.event, 'message_stop');
  assert.ok(anthropic.chunks.some((chunk) => chunk.toString('latin1').endsWith('eve')));
  const google = await readSse(await post(gemini, geminiBody));
  assert.equal(jsonData(google.events).length, 3);
  assert.ok(google.chunks.some((chunk) => chunk.toString('latin1').startsWith('\ndat')), 'split between \\r\\n\\r and \\n');
});

test('fixed-size split writes: the stream arrives in many small reads', async () => {
  fake.script(splitWrites({ bytes: 7 }, 1));
  const { chunks, text, events } = await readSse(await post('/v1/chat/completions', { ...stream, messages: [{ role: 'user', content: 'hi' }] }));
  const sizes = chunks.map((chunk) => chunk.length).sort((a, b) => a - b);
  assert.ok(sizes[sizes.length >> 1]! <= 14, `median read ${sizes[sizes.length >> 1]} bytes`);
  assert.ok(chunks.length > Buffer.byteLength(text) / 7 / 3);
  assert.equal(events.at(-1)?.data, '[DONE]');
});

test('mid-stream cut: the client gets K events, then a network error; outcome is cut', async () => {
  fake.script(cutAfterEvents(2));
  const response = await post('/v1/chat/completions', stream);
  assert.equal(response.status, 200);
  const received: Buffer[] = [];
  const reader = response.body!.getReader();
  await assert.rejects(async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      received.push(Buffer.from(value));
    }
  });
  assert.equal(parseSse(Buffer.concat(received).toString()).length, 2);
  assert.equal(await fake.requests[0]!.settled, 'cut');
  assert.equal(fake.requests[0]!.aborted, false);
});

test('cut on a JSON reply: headers and half a body, then a network error', async () => {
  fake.script(cutAfterEvents(1));
  const response = await post('/v1/chat/completions', { ...stream, stream: false });
  assert.equal(response.status, 200);
  await assert.rejects(response.json());
  assert.equal(await fake.requests[0]!.settled, 'cut');
});

test('slow first byte delays the status line and headers', async () => {
  fake.script(slowFirstByte(120));
  const started = performance.now();
  const response = await post('/v1/chat/completions', { ...stream, stream: false });
  assert.ok(performance.now() - started >= 110);
  assert.equal(response.status, 200);
  await readJson(response);
});

test('slow chunks space the events; headers leave at once', async () => {
  fake.script({ ...slowChunks(30), chunks: 2 });
  const started = performance.now();
  const response = await post('/v1/messages', anthropicStream);
  const headersAt = performance.now() - started;
  const { events } = await readSse(response);
  const total = performance.now() - started;
  assert.equal(events.length, 8);
  assert.ok(total - headersAt >= 7 * 30 - 10, `headers after ${headersAt} ms, stream ended after ${total} ms`);
});

test('hang: no answer until the client aborts; the fake records the abort', async () => {
  fake.script(hang());
  const controller = new AbortController();
  const pending = post('/v1/chat/completions', stream, controller.signal);
  await fake.waitForRequests(1);
  const answered = await Promise.race([pending.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 50))]);
  assert.equal(answered, false);
  controller.abort();
  await assert.rejects(pending, { name: 'AbortError' });
  assert.equal(await fake.requests[0]!.settled, 'aborted');
  assert.equal(fake.requests[0]!.aborted, true);
});

test('client abort in the middle of a slow stream is recorded, and the fake stops writing', async () => {
  fake.script({ ...slowChunks(40), chunks: 10 });
  const controller = new AbortController();
  const response = await post('/v1/chat/completions', stream, controller.signal);
  const reader = response.body!.getReader();
  await reader.read();
  controller.abort();
  assert.equal(await fake.requests[0]!.settled, 'aborted');
});

test('stall after K events: the stream goes silent until the client gives up', async () => {
  fake.script(stallAfterEvents(3));
  const controller = new AbortController();
  const response = await post('/v1/chat/completions', stream, controller.signal);
  const reader = response.body!.getReader();
  let text = '';
  while (parseSse(text).length < 3) text += Buffer.from((await reader.read()).value!).toString();
  const next = reader.read();
  const silent = await Promise.race([next.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 100))]);
  assert.equal(silent, true);
  controller.abort();
  await assert.rejects(next);
  assert.equal(await fake.requests[0]!.settled, 'aborted');
});

test('in-stream provider errors: OpenAI data {error}, Anthropic event: error, Gemini data {error}', async () => {
  fake.script(failMidStream(2, { status: 500 }), { times: 3 });
  const openai = await readSse(await post('/v1/chat/completions', stream));
  assert.equal(openai.events.length, 3);
  assert.equal(JSON.parse(openai.events[2]!.data).error.type, 'server_error');

  const anthropic = await readSse(await post('/v1/messages', anthropicStream));
  assert.deepEqual(anthropic.events.map((event) => event.event), ['message_start', 'content_block_start', 'error']);
  assert.deepEqual(JSON.parse(anthropic.events[2]!.data).error, { type: 'api_error', message: 'Internal server error' });

  const google = await readSse(await post(gemini, geminiBody));
  assert.equal(JSON.parse(google.events[2]!.data).error.status, 'INTERNAL');
});

test('close() ends hung requests (outcome cut) and the client sees an error', async () => {
  const own = await startFakeUpstream();
  own.script(hang());
  const pending = fetch(`${own.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(stream) });
  await own.waitForRequests(1);
  await own.close();
  await assert.rejects(pending);
  assert.equal(await own.requests[0]!.settled, 'cut');
});

test('readChunks sees a whole normal stream end cleanly', async () => {
  const chunks = await readChunks(await post('/v1/chat/completions', stream));
  assert.ok(Buffer.concat(chunks).toString().endsWith('data: [DONE]\n\n'));
  assert.equal(await fake.requests[0]!.settled, 'completed');
});

test('stall on a JSON reply: the status and headers arrive, the body never does', async () => {
  fake.script(stallAfterEvents(0));
  const controller = new AbortController();
  const response = await post('/v1/chat/completions', { ...stream, stream: false }, controller.signal);
  assert.equal(response.status, 200);
  const body = response.arrayBuffer();
  const silent = await Promise.race([body.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 80))]);
  assert.equal(silent, true);
  controller.abort();
  await assert.rejects(body);
  assert.equal(await fake.requests[0]!.settled, 'aborted');
});
