/**
 * A local webhook receiver for alert tests (node:http on 127.0.0.1): records every POST and
 * answers as scripted — a status per call, or never (a receiver that hangs).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedCall {
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
  /** performance.now() when the body had arrived. */
  at: number;
}

/** What to do with call number `index` (0-based): answer with a status, or hang. */
export type ReceiverScript = (index: number) => number | 'hang';

export interface WebhookReceiver {
  readonly url: string;
  readonly calls: ReceivedCall[];
  script(script: ReceiverScript): void;
  /** Resolves once `count` calls arrived; rejects after `timeoutMs`. */
  waitForCalls(count: number, timeoutMs?: number): Promise<ReceivedCall[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const calls: ReceivedCall[] = [];
  const sockets = new Set<Socket>();
  let script: ReceiverScript = () => 200;
  const waiters: (() => void)[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const index = calls.length;
      calls.push({ path: request.url ?? '', headers: request.headers, body: text === '' ? undefined : JSON.parse(text), at: performance.now() });
      for (const wake of waiters.splice(0)) wake();
      const answer = script(index);
      if (answer === 'hang') return;
      response.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : `failure ${answer}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    script(next) {
      script = next;
    },
    async waitForCalls(count, timeoutMs = 5000) {
      const deadline = performance.now() + timeoutMs;
      while (calls.length < count) {
        const left = deadline - performance.now();
        if (left <= 0) throw new Error(`expected ${count} webhook calls within ${timeoutMs} ms, got ${calls.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => (clearTimeout(timer), resolve()));
        });
      }
      return calls.slice(0, count);
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
