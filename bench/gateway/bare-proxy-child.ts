/**
 * Child process of the gateway benchmark: the floor. A bare pass-through proxy, node:http in
 * front of one keep-alive undici Pool (same pool settings as the costops upstream client), that
 * forwards method, path, headers and body and streams the answer back chunk by chunk — no parsing,
 * no accounting. Anything a gateway adds beyond this is the gateway's own work.
 */
import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { serveChild } from './child-ipc.ts';

const upstreamUrl = process.argv[2];
if (!upstreamUrl) throw new Error('usage: bare-proxy-child.ts <upstream url>');
const pool = new Pool(upstreamUrl, { connections: 128, pipelining: 1, keepAliveTimeout: 30_000 });

/** Hop-by-hop headers (RFC 9110 §7.6.1) and the ones the HTTP layers recompute. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host']);

function forwardable(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name in headers) if (!HOP_BY_HOP.has(name)) out[name] = headers[name];
  return out;
}

const server = createServer({ keepAliveTimeout: 60_000, requestTimeout: 0 }, (request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    pool
      .stream(
        { method: request.method as 'POST', path: request.url ?? '/', headers: forwardable(request.headers) as Record<string, string>, body },
        ({ statusCode, headers }) => {
          response.writeHead(statusCode, forwardable(headers));
          return response;
        },
      )
      .catch((error: unknown) => {
        if (response.headersSent) response.destroy();
        else {
          response.writeHead(502, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: { message: `bare proxy: ${error instanceof Error ? error.message : String(error)}` } }));
        }
      });
  });
});
server.headersTimeout = 61_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

serveChild({ url: `http://127.0.0.1:${port}` }, {
  close: async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pool.close();
  },
});
