import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CostOpsError } from '../../core/errors/index.ts';
import { readJsonBody } from './read-json-body.ts';

/**
 * A real Node server reads what a raw client sends in the given writes (a pause between them), and
 * reports what readJsonBody made of it. `buffered`: whether the body was all there when the route
 * ran (the read that takes it from the buffer) or still arriving (the read through its events).
 */
async function serveOnce(writes: readonly string[], options: { limitBytes?: number; waitTurn?: boolean } = {}): Promise<{ buffered: boolean; result: unknown }> {
  const limitBytes = options.limitBytes ?? 1_000;
  let resolveOutcome!: (outcome: { buffered: boolean; result: unknown }) => void;
  const outcome = new Promise<{ buffered: boolean; result: unknown }>((resolve) => (resolveOutcome = resolve));
  const server = createServer((request: IncomingMessage, response) => {
    // as the gateway's route does: it reads the body after an await (authentication); the body
    // may be parsed after that even when it came in the same packet, so `waitTurn` lets it reach
    // the buffer first
    void Promise.resolve().then(async () => {
      if (options.waitTurn) await new Promise((resolve) => setImmediate(resolve));
      const buffered = request.complete;
      let result: unknown;
      try {
        const body = await readJsonBody(request, limitBytes);
        result = { value: body.value, bytes: body.bytes, text: body.text };
      } catch (error) {
        result = error instanceof CostOpsError ? error.code : error;
      }
      resolveOutcome({ buffered, result });
      response.end('done');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.setNoDelay(true);
  for (const [index, text] of writes.entries()) {
    if (index > 0) await sleep(50);
    socket.write(text);
  }
  const seen = await outcome;
  socket.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return seen;
}

const head = (length: number) => `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n\r\n`;
const chunked = 'POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n';
const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;

test('a body that came with its headers is read from the buffer; one still arriving through its events; both exactly', async () => {
  const body = '{"model":"gpt-4o-mini","note":"héllo"}';
  const whole = await serveOnce([head(Buffer.byteLength(body)) + body], { waitTurn: true });
  assert.deepEqual(whole, { buffered: true, result: { value: { model: 'gpt-4o-mini', note: 'héllo' }, bytes: Buffer.byteLength(body), text: body } });
  const split = await serveOnce([head(Buffer.byteLength(body)) + body.slice(0, 10), body.slice(10)]);
  assert.deepEqual(split, { buffered: false, result: whole.result });
  const pieces = chunked + chunk(body.slice(0, 7)) + chunk(body.slice(7)) + '0\r\n\r\n';
  assert.deepEqual(await serveOnce([pieces], { waitTurn: true }), { buffered: true, result: whole.result }, 'several chunks in the buffer are joined');
  assert.deepEqual((await serveOnce([pieces])).result, whole.result);
});

test('over the limit is a 413 and not JSON is a 400, whether the body was buffered or still arriving', async () => {
  const big = JSON.stringify({ text: 'x'.repeat(2_000) });
  const declared = await serveOnce([head(big.length) + big]);
  assert.equal(declared.result, 'payload_too_large', 'declared length over the limit');
  const bufferedOver = await serveOnce([chunked + chunk(big.slice(0, 900)) + chunk(big.slice(900)) + '0\r\n\r\n'], { waitTurn: true });
  assert.deepEqual(bufferedOver, { buffered: true, result: 'payload_too_large' });
  const arrivingOver = await serveOnce([chunked + chunk(big.slice(0, 900)), chunk(big.slice(900)) + '0\r\n\r\n']);
  assert.deepEqual(arrivingOver, { buffered: false, result: 'payload_too_large' });
  const broken = await serveOnce([head(9) + '{"model":'], { waitTurn: true });
  assert.deepEqual(broken, { buffered: true, result: 'invalid_json' });
  const array = await serveOnce([head(2) + '[]'], { waitTurn: true });
  assert.deepEqual(array, { buffered: true, result: 'invalid_json' });
});
