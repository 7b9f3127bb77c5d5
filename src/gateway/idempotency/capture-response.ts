/**
 * Reads a copy of a response (a `response.clone()`) to the end, for an idempotent replay, while the
 * original goes to the client untouched. A stream is a tee: both branches see each chunk as it
 * arrives, so the client is never held back by the copy.
 */
import type { ClientSignal } from '../http/client-signal.ts';
import type { IdempotentResponse } from '../../core/ports/index.ts';

/** Headers that describe one transfer, not the response: the replay gets its own. */
const TRANSFER_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

/**
 * The whole response, or undefined when it did not arrive whole: the stream errored (upstream cut),
 * or the client went away (`signal`), in which case the copy is cancelled too, since a tee reads
 * its source until both branches are cancelled and the upstream call must stop.
 */
export async function captureResponse(copy: Response, signal: ClientSignal): Promise<IdempotentResponse | undefined> {
  const headers: Record<string, string> = {};
  copy.headers.forEach((value, name) => {
    if (!TRANSFER_HEADERS.has(name)) headers[name] = value;
  });
  if (copy.body === null) return { status: copy.status, headers, body: new Uint8Array() };
  const reader = copy.body.getReader();
  let cancelled = false;
  const cancel = () => {
    cancelled = true;
    reader.cancel().catch(() => undefined);
  };
  const unsubscribe = signal.onAbort(cancel);
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } catch {
    return undefined;
  } finally {
    unsubscribe();
  }
  // A cancelled read ends like a finished one; only a body read to its real end is worth replaying.
  if (cancelled) return undefined;
  return { status: copy.status, headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) };
}
