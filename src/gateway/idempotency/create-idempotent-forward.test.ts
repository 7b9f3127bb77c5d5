import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IdempotencyStore } from '../../core/ports/index.ts';
import { openSqliteIdempotencyStore } from '../../storage/index.ts';
import { abortClientSignal } from '../http/client-signal.ts';
import { createIdempotentForward, type IdempotencyClaim } from './create-idempotent-forward.ts';

const root = mkdtempSync(join(tmpdir(), 'costops-idempotent-forward-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const clock = { now: () => new Date('2025-03-01T10:00:00.000Z') };

async function setup(wrap: (store: IdempotencyStore) => IdempotencyStore = (store) => store) {
  const store = await openSqliteIdempotencyStore({ path: join(root, `run-${++counter}.db`) });
  const forwardOnce = createIdempotentForward({ store: wrap(store), clock });
  let sends = 0;
  const controller = new AbortController();
  const claim: IdempotencyClaim = { tenant: 'acme', key: 'k1', requestHash: 'h'.repeat(64), style: 'openai', signal: abortClientSignal(controller.signal) };
  const call = (respond: () => Response | Promise<Response>, overrides: Partial<IdempotencyClaim> = {}) =>
    forwardOnce({ ...claim, ...overrides }, async () => {
      sends++;
      return respond();
    });
  return { store, call, sends: () => sends, controller, close: () => store.close() };
}

const upstreamJson = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-costops-request-id': 'req_1' } });

/** Retries while the key is still claimed (a background release may lag the response by a moment). */
async function untilNotConflict(run: () => Promise<Response>): Promise<Response> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await run();
    if (response.status !== 409) return response;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('key never released');
}

test('a success from upstream is stored and replayed, byte for byte, with the replay header', async () => {
  const env = await setup();
  const first = await env.call(() => upstreamJson(200, { id: 'one' }));
  const firstText = await first.text();
  const second = await untilNotConflict(() => env.call(() => upstreamJson(200, { id: 'two' })));
  assert.equal(await second.text(), firstText);
  assert.equal(second.headers.get('x-costops-idempotent-replay'), 'true');
  assert.equal(second.headers.get('x-costops-request-id'), 'req_1');
  assert.equal(env.sends(), 1);
  await env.close();
});

test('a retry that races the write of the first response waits for it and is replayed, not refused', async () => {
  let releaseWrite!: () => void;
  const gate = new Promise<void>((resolve) => (releaseWrite = resolve));
  const env = await setup((store) => ({ ...store, complete: async (input) => (await gate, store.complete(input)) }));
  const first = await env.call(() => upstreamJson(200, { id: 'one' }));
  await first.text();
  await new Promise((resolve) => setTimeout(resolve, 5)); // the copy has been read; its write is held at the gate
  const second = env.call(() => upstreamJson(200, { id: 'two' }));
  setTimeout(releaseWrite, 20);
  const replay = await second;
  assert.equal(replay.status, 200);
  assert.deepEqual(await replay.json(), { id: 'one' });
  assert.equal(env.sends(), 1);
  await env.close();
});

test('5xx, gateway refusals and thrown errors release the key before the client hears of them', async () => {
  const env = await setup();
  assert.equal((await env.call(() => upstreamJson(502, { error: {} }))).status, 502);
  // no x-costops-request-id: the gateway refused before any upstream call
  assert.equal((await env.call(() => new Response('{}', { status: 404 }))).status, 404);
  await assert.rejects(env.call(() => Promise.reject(new Error('boom'))), /boom/);
  assert.equal((await env.call(() => upstreamJson(429, { error: {} }))).status, 429);
  assert.equal((await env.call(() => upstreamJson(200, { id: 'ok' }))).status, 200);
  assert.equal(env.sends(), 5);
  await env.close();
});

test('a different body under the key is a 409 in the route\'s format; so is a repeat while the first runs', async () => {
  const env = await setup();
  let finish!: (response: Response) => void;
  const running = env.call(() => new Promise<Response>((resolve) => (finish = resolve)));
  await new Promise((resolve) => setTimeout(resolve, 5));
  const busy = await env.call(() => upstreamJson(200, {}), { style: 'anthropic' });
  assert.equal(busy.status, 409);
  const busyBody = (await busy.json()) as { type: string; error: { message: string } };
  assert.equal(busyBody.type, 'error');
  assert.match(busyBody.error.message, /Idempotency-Key "k1" is still being processed/);
  const mismatch = await env.call(() => upstreamJson(200, {}), { requestHash: 'x'.repeat(64) });
  assert.equal(mismatch.status, 409);
  assert.match(((await mismatch.json()) as { error: { code: string; message: string } }).error.message, /used with a different request body within 24 h/);
  finish(upstreamJson(200, { id: 'one' }));
  await (await running).text();
  assert.equal(env.sends(), 1);
  await env.close();
});

test('a stream that breaks off is not stored: the retry goes upstream', async () => {
  const env = await setup();
  const broken = () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('data: {"partial":true}\n\n'));
          setTimeout(() => controller.error(new Error('upstream cut')), 5);
        },
      }),
      { status: 200, headers: { 'content-type': 'text/event-stream', 'x-costops-request-id': 'req_1' } },
    );
  const first = await env.call(broken);
  await assert.rejects(first.text(), /upstream cut/);
  const retry = await untilNotConflict(() => env.call(() => upstreamJson(200, { id: 'whole' })));
  assert.equal(retry.headers.get('x-costops-idempotent-replay'), null);
  assert.equal(env.sends(), 2);
  await env.close();
});

test('a client abort cancels the kept copy too, so the upstream stream is cancelled, and releases the key', { timeout: 5_000 }, async () => {
  const env = await setup();
  let upstreamCancelled = false;
  const endless = new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      controller.enqueue(new TextEncoder().encode('data: {}\n\n'));
    },
    cancel: () => void (upstreamCancelled = true),
  });
  const response = await env.call(() => new Response(endless, { status: 200, headers: { 'x-costops-request-id': 'req_1' } }));
  const reader = response.body!.getReader();
  await reader.read();
  // what the HTTP server does when the client goes away: abort the request, cancel the body it was sending
  env.controller.abort();
  await reader.cancel();
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(upstreamCancelled, true);
  const retry = await untilNotConflict(() => env.call(() => upstreamJson(200, { id: 'again' }), { signal: abortClientSignal(new AbortController().signal) }));
  assert.equal(retry.status, 200);
  assert.equal(env.sends(), 2);
  await env.close();
});

test('an unreachable store fails the request closed, with a message that says nothing went upstream', async () => {
  const env = await setup((store) => ({ ...store, begin: () => Promise.reject(new Error('SQLITE_BUSY')) }));
  await assert.rejects(env.call(() => upstreamJson(200, {})), /idempotency store could not be reached; retry the request \(it was not sent upstream\)/);
  assert.equal(env.sends(), 0);
  await env.close();
});
