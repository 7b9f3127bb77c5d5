/** Reads a request body as a JSON object within a size limit: 413 past the limit, 400 when it is not a JSON object. */
import type { IncomingMessage } from 'node:http';
import { CostOpsError } from '../../core/errors/index.ts';

export interface JsonBody {
  readonly value: Record<string, unknown>;
  readonly bytes: number;
  /** The body exactly as sent: what the request hash (idempotency, duplicate detection) is taken over. */
  readonly text: string;
}

/** Reads from the Node request when given one (the fast path), else from a web Request. */
export async function readJsonBody(request: Request | IncomingMessage, limitBytes: number): Promise<JsonBody> {
  const declared = Number(contentLength(request) ?? NaN);
  if (declared > limitBytes) throw tooLarge(declared, limitBytes);
  const text = await readText(request, limitBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : 'unreadable';
    throw new CostOpsError('invalid_json', `the request body is not valid JSON (${detail}); send a JSON object with content-type application/json`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CostOpsError('invalid_json', 'the request body must be a JSON object');
  }
  return { value: value as Record<string, unknown>, bytes: Buffer.byteLength(text), text };
}

function contentLength(request: Request | IncomingMessage): string | null | undefined {
  return request instanceof Request ? request.headers.get('content-length') : request.headers['content-length'];
}

function readText(request: Request | IncomingMessage, limitBytes: number): Promise<string> {
  return request instanceof Request ? readWebText(request, limitBytes) : readNodeText(request, limitBytes);
}

/** The Node request's body through its events (an async iterator over it costs more than the read). */
function readNodeText(request: IncomingMessage, limitBytes: number): Promise<string> {
  if (request.complete && request.readableFlowing === null) return Promise.resolve(readBuffered(request, limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= limitBytes) chunks.push(chunk);
      else {
        cleanup();
        // what is left of the body is read and dropped, so the connection can carry the 413
        request.resume();
        reject(tooLarge(total, limitBytes));
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(clientClosed());
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    if (request.destroyed) {
      reject(clientClosed());
      return;
    }
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}

async function readWebText(request: Request, limitBytes: number): Promise<string> {
  const source = request.body;
  if (!source) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > limitBytes) throw tooLarge(total, limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A body already complete in the request's buffer (it came with its headers and the parser has
 * seen all of it, as for most requests by the time the route reads) is taken from there at once
 * rather than through its events.
 */
function readBuffered(request: IncomingMessage, limitBytes: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (let chunk = request.read() as Buffer | null; chunk !== null; chunk = request.read() as Buffer | null) {
    total += chunk.length;
    if (total > limitBytes) throw tooLarge(total, limitBytes);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
}

function clientClosed(): CostOpsError {
  return new CostOpsError('invalid_request', 'the client closed the connection before its request body was complete');
}

function tooLarge(bytes: number, limit: number): CostOpsError {
  return new CostOpsError('payload_too_large', `the request body is over the ${limit}-byte limit (got at least ${bytes} bytes); raise server.body_limit_bytes if this is expected`);
}
