/**
 * The request hash (SPEC §7 `request_hash`): SHA-256 hex of the route and the body exactly as sent.
 * It tells an idempotent retry from a different request under the same key, and lets analytics
 * find duplicate requests. The Idempotency-Key itself is not part of it, so duplicates sent under
 * different keys (or none) still hash alike.
 */
import { hash } from 'node:crypto';

/** Hashes `route + "\n" + body`. */
export function hashRequest(route: string, body: string): string {
  return hash('sha256', `${route}\n${body}`, 'hex');
}

/**
 * The route part of the hash: the path, plus Gemini's `alt` parameter, which changes the response's
 * wire format (`alt=sse` streams SSE, without it a JSON array). Other query parameters are left out:
 * Gemini clients may put their API key in `?key=`.
 */
export function requestRoute(path: string, alt: string | undefined): string {
  return alt === undefined ? path : `${path}?alt=${alt}`;
}
