// Idempotency-Key end to end (SPEC §7): the official `openai` SDK → the real gateway (SQLite ledger and
// idempotency records) → the fake upstream. openai 6.49 sends no Idempotency-Key of its own (its
// `idempotencyHeader` is unset), so every key here is the one the test passes; maxRetries: 0 keeps
// each SDK call to exactly one HTTP request.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';
import { failWith, rateLimited, slowChunks, slowFirstByte } from '../support/fake-upstream/index.ts';
import type { LedgerRow } from '../../src/core/ports/index.ts';

const CHAT = '/v1/chat/completions';
let env: TestGateway;
let client: OpenAI;
let keyCounter = 0;
/** A key no other test uses (records live for 24 h in the shared database). */
const freshKey = () => `test-key-${++keyCounter}-${Date.now()}`;
const withKey = (key: string) => ({ headers: { 'Idempotency-Key': key } });
const chat = (content: string) => ({ model: 'gpt-4o', messages: [{ role: 'user' as const, content }] });

before(async () => {
  env = await startTestGateway();
  client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: 'client-key', maxRetries: 0 });
});
after(() => env.close());
beforeEach(() => env.fake.reset());

async function rowCount(): Promise<number> {
  return (await env.gateway.store.listRequests({ limit: 1000 })).rows.length;
}

async function rowOf(id: string | null): Promise<LedgerRow> {
  assert.ok(id, 'x-costops-request-id header');
  const row = await env.gateway.store.getRequest(id);
  assert.ok(row, `ledger row ${id}`);
  return row;
}

function expectedHash(route: string, body: unknown): string {
  // the SDK sends JSON.stringify(body); the hash is over route + "\n" + those exact bytes
  return createHash('sha256').update(`${route}\n${JSON.stringify(body)}`).digest('hex');
}

test('same key, same body: one upstream call; the repeat is the same response, marked as a replay, with no new ledger row', async () => {
  env.fake.script({ usage: { promptTokens: 100, outputTokens: 20 } });
  const key = freshKey();
  const body = chat('hello idempotent');
  const rowsBefore = await rowCount();
  const first = await client.chat.completions.create(body, withKey(key)).withResponse();
  const second = await client.chat.completions.create(body, withKey(key)).withResponse();
  assert.equal(env.fake.count(CHAT), 1);
  assert.deepEqual(second.data, first.data);
  assert.equal(first.response.headers.get('x-costops-idempotent-replay'), null);
  assert.equal(second.response.headers.get('x-costops-idempotent-replay'), 'true');
  // the replay points at the row the request was billed under, with the same cost
  assert.equal(second.response.headers.get('x-costops-request-id'), first.response.headers.get('x-costops-request-id'));
  assert.equal(second.response.headers.get('x-costops-cost-usd'), first.response.headers.get('x-costops-cost-usd'));
  assert.equal(await rowCount(), rowsBefore + 1);

  // byte for byte, through the SDK's raw response
  const raw = await client.chat.completions.create(body, withKey(key)).asResponse();
  assert.equal(await raw.text(), JSON.stringify(first.data));
  assert.equal(env.fake.count(CHAT), 1);

  const row = await rowOf(first.response.headers.get('x-costops-request-id'));
  assert.equal(row.requestHash, expectedHash(CHAT, body));
});

test('same key, different body: 409 conflict in OpenAI format, nothing sent upstream', async () => {
  const key = freshKey();
  await client.chat.completions.create(chat('first body'), withKey(key));
  const error = await client.chat.completions.create(chat('second body'), withKey(key)).catch((caught: unknown) => caught);
  assert.ok(error instanceof OpenAI.ConflictError, String(error));
  assert.equal(error.status, 409);
  assert.equal(error.code, 'conflict');
  assert.equal(error.type, 'invalid_request_error');
  assert.match(error.message, new RegExp(`Idempotency-Key "${key}" was used with a different request body within 24 h; use a new key`));
  assert.equal(env.fake.count(CHAT), 1);
});

test('a repeated stream is replayed as a well-formed SSE stream the SDK parses', async () => {
  env.fake.script({ usage: { promptTokens: 50, outputTokens: 12 }, chunks: 4 });
  const key = freshKey();
  const body = { ...chat('stream me'), stream: true as const, stream_options: { include_usage: true } };
  const collect = async () => {
    const { data: stream, response } = await client.chat.completions.create(body, withKey(key)).withResponse();
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks, response };
  };
  const first = await collect();
  const second = await collect();
  assert.equal(env.fake.count(CHAT), 1);
  assert.ok(first.chunks.length >= 4);
  assert.deepEqual(second.chunks, first.chunks);
  const text = second.chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
  assert.ok(text.startsWith('Fake reply from gpt-4o'), text);
  assert.equal(second.chunks.at(-1)?.usage?.prompt_tokens, 50);
  assert.match(second.response.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.equal(second.response.headers.get('content-type'), first.response.headers.get('content-type'));
  assert.equal(second.response.headers.get('x-costops-idempotent-replay'), 'true');
});

test('an upstream 500 is not kept: the retry with the same key goes upstream again, then replays', async () => {
  env.fake.script(failWith(500, { message: 'The server had an error' }));
  const key = freshKey();
  const body = chat('flaky upstream');
  const error = await client.chat.completions.create(body, withKey(key)).catch((caught: unknown) => caught);
  assert.ok(error instanceof OpenAI.InternalServerError);
  const retried = await client.chat.completions.create(body, withKey(key)).withResponse();
  assert.equal(env.fake.count(CHAT), 2);
  assert.equal(retried.response.headers.get('x-costops-idempotent-replay'), null);
  const again = await client.chat.completions.create(body, withKey(key)).withResponse();
  assert.equal(again.response.headers.get('x-costops-idempotent-replay'), 'true');
  assert.equal(env.fake.count(CHAT), 2);
});

test('an upstream 400 is kept and replayed; a 429 is released for the retry', async () => {
  env.fake.script(failWith(400, { message: 'This model does not support that' }));
  const badKey = freshKey();
  for (let attempt = 0; attempt < 2; attempt++) {
    const error = await client.chat.completions.create(chat('bad request'), withKey(badKey)).catch((caught: unknown) => caught);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.match(error.message, /This model does not support that/);
  }
  assert.equal(env.fake.count(CHAT), 1);

  env.fake.script(rateLimited({ retryAfter: 1 }));
  const limitedKey = freshKey();
  const limited = await client.chat.completions.create(chat('rate limited'), withKey(limitedKey)).catch((caught: unknown) => caught);
  assert.ok(limited instanceof OpenAI.RateLimitError);
  await client.chat.completions.create(chat('rate limited'), withKey(limitedKey));
  assert.equal(env.fake.count(CHAT), 3);
});

test('a repeat while the first is still running gets 409 "still being processed", then the replay', async () => {
  env.fake.script(slowFirstByte(400));
  const key = freshKey();
  const body = chat('slow one');
  const first = client.chat.completions.create(body, withKey(key)).withResponse();
  await env.fake.waitForRequests(1, { pathPrefix: CHAT });
  const error = await client.chat.completions.create(body, withKey(key)).catch((caught: unknown) => caught);
  assert.ok(error instanceof OpenAI.ConflictError, String(error));
  assert.match(error.message, /is still being processed by an earlier request with the same body; retry after it finishes/);
  const { data } = await first;
  const replay = await client.chat.completions.create(body, withKey(key)).withResponse();
  assert.deepEqual(replay.data, data);
  assert.equal(env.fake.count(CHAT), 1);
});

test('a client that aborts its stream releases the key: the retry goes upstream', async () => {
  env.fake.script({ ...slowChunks(40), chunks: 10 });
  const key = freshKey();
  const body = { ...chat('abort me'), stream: true as const };
  const controller = new AbortController();
  const stream = await client.chat.completions.create(body, { ...withKey(key), signal: controller.signal });
  try {
    for await (const _chunk of stream) controller.abort();
  } catch {
    // the SDK may throw an abort error or end the iteration
  }
  assert.equal(await env.fake.requests[0]!.settled, 'aborted');
  // the release happens right after the abort; a retry racing it may still see the claim
  let retried: OpenAI.Chat.Completions.ChatCompletionChunk[] | undefined;
  for (let attempt = 0; attempt < 50 && !retried; attempt++) {
    try {
      const again = await client.chat.completions.create(body, withKey(key));
      retried = [];
      for await (const chunk of again) retried.push(chunk);
    } catch (error) {
      if (!(error instanceof OpenAI.ConflictError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  assert.ok(retried && retried.length > 0);
  assert.equal(env.fake.count(CHAT), 2);
  // the copy kept for the replay did not keep the aborted upstream call alive: its row is `aborted`
  const aborted = (await env.gateway.store.listRequests({ status: 'aborted', limit: 10 })).rows;
  assert.ok(aborted.some((row) => row.requestHash === expectedHash(CHAT, body)));
});

test('an invalid Idempotency-Key is a 400 invalid_header; 255 characters is fine', async () => {
  const error = await client.chat.completions.create(chat('long key'), withKey('k'.repeat(256))).catch((caught: unknown) => caught);
  assert.ok(error instanceof OpenAI.BadRequestError);
  assert.equal(error.code, 'invalid_header');
  assert.match(error.message, /Idempotency-Key is 256 characters long; the limit is 255/);
  assert.equal(env.fake.count(), 0);
  await client.chat.completions.create(chat('long key'), withKey(`${freshKey()}-${'k'.repeat(200)}`.slice(0, 255)));
  assert.equal(env.fake.count(CHAT), 1);
});

test('Anthropic route: the conflict comes in Anthropic error format', async () => {
  const key = freshKey();
  const post = (content: string) =>
    fetch(`${env.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'idempotency-key': key },
      body: JSON.stringify({ model: 'claude-sonnet-4-0', max_tokens: 50, messages: [{ role: 'user', content }] }),
    });
  assert.equal((await post('one')).status, 200);
  const conflict = await post('two');
  assert.equal(conflict.status, 409);
  const json = (await conflict.json()) as { type: string; error: { type: string; message: string } };
  assert.equal(json.type, 'error');
  assert.equal(json.error.type, 'invalid_request_error');
  assert.match(json.error.message, /was used with a different request body/);
});

test('every ledger row has the request hash; requests without a key are never deduplicated', async () => {
  const body = chat('no key here');
  const first = await client.chat.completions.create(body).withResponse();
  const second = await client.chat.completions.create(body).withResponse();
  assert.equal(env.fake.count(CHAT), 2);
  const rows = [await rowOf(first.response.headers.get('x-costops-request-id')), await rowOf(second.response.headers.get('x-costops-request-id'))];
  assert.notEqual(rows[0]!.id, rows[1]!.id);
  for (const row of rows) assert.equal(row.requestHash, expectedHash(CHAT, body));

  // an explicit encoding_format, or the SDK adds `encoding_format: "base64"` to what it sends
  const embeddingBody = { model: 'text-embedding-3-small', input: 'hash me', encoding_format: 'float' as const };
  const embeddings = await client.embeddings.create(embeddingBody).withResponse();
  const embeddingRow = await rowOf(embeddings.response.headers.get('x-costops-request-id'));
  assert.equal(embeddingRow.requestHash, expectedHash('/v1/embeddings', embeddingBody));
});

test('keys are per tenant: the same key and body from two tenants are two requests, each replayed to its own tenant', async () => {
  const tenants: Record<string, string> = { 'key-acme': 'acme', 'key-globex': 'globex' };
  const isolated = await startTestGateway({
    config: { auth: { mode: 'keys', admin_key: 'admin-secret-123456' } },
    gateway: { keys: { resolve: async (presented) => (tenants[presented] ? { tenant: tenants[presented]!, keyId: presented } : undefined) } },
  });
  try {
    const clientFor = (apiKey: string) => new OpenAI({ baseURL: `${isolated.url}/v1`, apiKey, maxRetries: 0 });
    const acme = clientFor('key-acme');
    const globex = clientFor('key-globex');
    const body = chat('shared key');
    const acmeFirst = await acme.chat.completions.create(body, withKey('shared')).withResponse();
    const globexFirst = await globex.chat.completions.create(body, withKey('shared')).withResponse();
    assert.equal(isolated.fake.count(CHAT), 2);
    assert.equal(globexFirst.response.headers.get('x-costops-idempotent-replay'), null);
    const acmeReplay = await acme.chat.completions.create(body, withKey('shared')).withResponse();
    const globexReplay = await globex.chat.completions.create(body, withKey('shared')).withResponse();
    assert.equal(isolated.fake.count(CHAT), 2);
    assert.equal(acmeReplay.response.headers.get('x-costops-request-id'), acmeFirst.response.headers.get('x-costops-request-id'));
    assert.equal(globexReplay.response.headers.get('x-costops-request-id'), globexFirst.response.headers.get('x-costops-request-id'));
    const acmeRow = await isolated.gateway.store.getRequest(acmeFirst.response.headers.get('x-costops-request-id')!);
    const globexRow = await isolated.gateway.store.getRequest(globexFirst.response.headers.get('x-costops-request-id')!);
    assert.deepEqual([acmeRow?.tenant, globexRow?.tenant], ['acme', 'globex']);
  } finally {
    await isolated.close();
  }
});
