/**
 * The request hash (SPEC §7 `request_hash`): SHA-256 hex of the route and the body exactly as sent.
 * It tells an idempotent retry from a different request under the same key, and lets analytics
 * find duplicate requests. The Idempotency-Key itself is not part of it, so duplicates sent under
 * different keys (or none) still hash alike.
 */
import { createHash } from 'node:crypto';

/** Hashes `route + "\n" + body`. */
export function hashRequest(route: string, body: string): string {
  return createHash('sha256').update(route, 'utf8').update('\n', 'utf8').update(body, 'utf8').digest('hex');
}

/**
 * The route part of the hash: the path, plus Gemini's `alt` parameter, which changes the response's
 * wire format (`alt=sse` streams SSE, without it a JSON array). Other query parameters are left out:
 * Gemini clients may put their API key in `?key=`.
 */
export function requestRoute(url: URL): string {
  const alt = url.searchParams.get('alt');
  return alt === null ? url.pathname : `${url.pathname}?alt=${alt}`;
}
