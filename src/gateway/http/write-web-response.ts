/**
 * Writes a web Response to a Node response: what @hono/node-server does for a route's answer,
 * for the requests the gateway serves before Hono (routes/proxy-routes.ts `serveNode`). Those
 * answers are whole (errors, a 499 for a client that left): a streamed answer is written to the
 * Node response by the proxy itself and never comes here.
 */
import type { ServerResponse } from 'node:http';

export async function writeWebResponse(outgoing: ServerResponse, response: Response): Promise<void> {
  const body = response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  if (outgoing.destroyed || outgoing.headersSent) return;
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (body !== undefined) headers['content-length'] = String(body.length);
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
}
