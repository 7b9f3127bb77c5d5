/** A stored response answered again: same status, headers and bytes, marked as a replay. */
import type { IdempotentResponse } from '../../core/ports/index.ts';

export const REPLAY_HEADER = 'x-costops-idempotent-replay';

/** The Response for a replay (a stored stream goes out as one chunk of the same SSE text). */
export function replayResponse(stored: IdempotentResponse): Response {
  // Statuses like 204 may not carry a body at all, not even an empty one.
  const body = stored.body.byteLength === 0 ? null : stored.body;
  return new Response(body, { status: stored.status, headers: { ...stored.headers, [REPLAY_HEADER]: 'true' } });
}
