import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { providerSchema, type ProviderConfig } from '../config/index.ts';
import { abortClientSignal } from '../http/client-signal.ts';
import { CostOpsError } from '../../core/errors/index.ts';
import { createUpstreamClient, type UpstreamClient } from './upstream-client.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

async function withUpstream(handler: Handler, run: (client: UpstreamClient, provider: ProviderConfig, server: Server) => Promise<void>, timeouts = {}): Promise<void> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = createUpstreamClient({ connections: 4 });
  try {
    const provider = providerSchema.parse({ name: 'local', kind: 'openai', base_url: `http://127.0.0.1:${port}/v1/`, api_key: 'sk-test', models: ['*'], timeouts });
    await run(client, provider, server);
  } finally {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const never = () => abortClientSignal(new AbortController().signal);

test('a whole body, the status, and headers with lower-case names (repeated ones as a list); the base path is kept', async () => {
  let seen: { url?: string; body?: string; auth?: string } = {};
  await withUpstream(
    (request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen = { url: request.url!, body, auth: request.headers.authorization! };
        response.setHeader('X-Request-Id', 'req-1');
        response.setHeader('Set-Cookie', ['a=1', 'b=2']);
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end('{"ok":true}');
      });
    },
    async (client, provider) => {
      const response = await client.send({ provider, path: '/chat/completions?x=1', headers: { authorization: 'Bearer sk-test' }, body: '{"model":"m"}', signal: never() });
      assert.equal(response.status, 201);
      assert.equal(response.headers['x-request-id'], 'req-1');
      assert.equal(response.headers['content-type'], 'application/json');
      assert.deepEqual(response.headers['set-cookie'], ['a=1', 'b=2']);
      assert.equal((await response.body.read()).toString(), '{"ok":true}');
      response.done();
      assert.deepEqual(seen, { url: '/v1/chat/completions?x=1', body: '{"model":"m"}', auth: 'Bearer sk-test' });
    },
  );
});

test('chunks reach a slow reader in order, and none is lost while it waits or before it starts', async () => {
  const parts = Array.from({ length: 20 }, (_, index) => `data: ${index} ${'x'.repeat(index * 700)}\n\n`);
  await withUpstream(
    (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      let index = 0;
      const next = () => {
        if (index === parts.length) return response.end();
        response.write(parts[index++]);
        setImmediate(next);
      };
      next();
    },
    async (client, provider) => {
      const response = await client.send({ provider, path: '/stream', headers: {}, body: '{}', signal: never() });
      await sleep(20); // the first chunks arrive before anyone reads
      let text = '';
      let calls = 0;
      await response.body.each(async (chunk) => {
        text += chunk.toString();
        if (++calls % 3 === 0) await sleep(5);
      });
      response.done();
      assert.equal(text, parts.join(''));
    },
  );
});

test('destroy() cuts the exchange mid-body: the reader rejects and the upstream sees the connection close', async () => {
  let upstreamClosed: Promise<void> | undefined;
  await withUpstream(
    (request, response) => {
      upstreamClosed = new Promise((resolve) => response.on('close', () => resolve()));
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: 1\n\n');
    },
    async (client, provider) => {
      const response = await client.send({ provider, path: '/stream', headers: {}, body: '{}', signal: never() });
      const chunks: string[] = [];
      const reading = response.body.each((chunk) => {
        chunks.push(chunk.toString());
        response.body.destroy();
      });
      await assert.rejects(reading, (error: unknown) => error instanceof CostOpsError && error.code === 'upstream_error');
      response.done();
      assert.deepEqual(chunks, ['data: 1\n\n']);
      await upstreamClosed;
    },
  );
});

test('a client that leaves before the headers aborts the call; a silent upstream times out as upstream_timeout', async () => {
  await withUpstream(
    () => undefined, // never answers
    async (client, provider) => {
      const controller = new AbortController();
      const sending = client.send({ provider, path: '/x', headers: {}, body: '{}', signal: abortClientSignal(controller.signal) });
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(sending, (error: unknown) => error instanceof CostOpsError && error.code === 'upstream_error' && /client closed/.test(error.message));
      await assert.rejects(
        client.send({ provider, path: '/x', headers: {}, body: '{}', signal: never() }),
        (error: unknown) => error instanceof CostOpsError && error.code === 'upstream_timeout' && /first_byte_ms/.test(error.message),
      );
    },
    { first_byte_ms: 100 },
  );
});

test('the total timeout cuts a body that never ends', async () => {
  await withUpstream(
    (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: 1\n\n');
    },
    async (client, provider) => {
      const response = await client.send({ provider, path: '/x', headers: {}, body: '{}', signal: never() });
      await assert.rejects(response.body.read(), /total timeout/);
      response.done();
    },
    { first_byte_ms: 100, total_ms: 150 },
  );
});

test('a body is read once', async () => {
  await withUpstream(
    (_request, response) => response.end('{}'),
    async (client, provider) => {
      const response = await client.send({ provider, path: '/x', headers: {}, body: '{}', signal: never() });
      const first = response.body.read();
      await assert.rejects(response.body.read(), /read once/);
      assert.equal((await first).toString(), '{}');
      response.done();
    },
  );
});

test('complete: false for chunks handed over as they arrive, true for those that came with the end of the body', async () => {
  await withUpstream(
    (request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      if (request.url!.endsWith('/whole')) return void response.end('data: 1\n\ndata: 2\n\n');
      response.write('data: 1\n\n');
      setTimeout(() => response.end('data: 2\n\n'), 30);
    },
    async (client, provider) => {
      const whole = await client.send({ provider, path: '/whole', headers: {}, body: '{}', signal: never() });
      await sleep(20); // the whole body is in before anyone reads
      const wholeSeen: boolean[] = [];
      await whole.body.each(() => void wholeSeen.push(whole.body.complete));
      whole.done();
      assert.ok(wholeSeen.length > 0 && wholeSeen.every(Boolean));

      const paced = await client.send({ provider, path: '/paced', headers: {}, body: '{}', signal: never() });
      const pacedSeen: [string, boolean][] = [];
      await paced.body.each((chunk) => void pacedSeen.push([chunk.toString(), paced.body.complete]));
      paced.done();
      assert.deepEqual(pacedSeen[0], ['data: 1\n\n', false]);
      assert.equal(paced.body.complete, true);
    },
  );
});
