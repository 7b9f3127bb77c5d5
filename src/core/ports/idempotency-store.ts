/**
 * The idempotency port (SPEC §7 "Idempotency"): a request carrying `Idempotency-Key` that repeats
 * within 24 h gets the first result without a second upstream call; the same key with another
 * body is a conflict. A store keeps one record per (tenant, key): claimed by the first request
 * (`in_progress`), then either completed with the response to replay or released so that a retry
 * can go upstream again. Keys are tenant-scoped: two tenants never see each other's records.
 */

/** How long a record answers for its key; older records count as absent and are replaced. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A response as stored for replay: exactly what the first client received. */
export interface IdempotentResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface IdempotencyBeginInput {
  tenant: string;
  /** The client's `Idempotency-Key` value. */
  key: string;
  /** Identifies the request's content (SHA-256 hex of route and body); a different one is a mismatch. */
  requestHash: string;
  now: Date;
}

/**
 * - `new`: this caller holds the claim and must `complete()` or `release()` it.
 * - `replay`: the key's first request finished; answer with its response.
 * - `in_progress`: another request with this key and body is still running.
 * - `mismatch`: the key was used with a different request body within the window.
 */
export type IdempotencyBeginResult =
  | { state: 'new' }
  | { state: 'replay'; response: IdempotentResponse }
  | { state: 'in_progress' }
  | { state: 'mismatch' };

export interface IdempotencyRecordRef {
  tenant: string;
  key: string;
}

export interface IdempotencyStore {
  /** Claims the key atomically (one `new` however many callers race), or says why not. */
  begin(input: IdempotencyBeginInput): Promise<IdempotencyBeginResult>;
  /** Stores the claimed request's response for replay; resolves once committed. */
  complete(input: IdempotencyRecordRef & { response: IdempotentResponse }): Promise<void>;
  /** Drops a claim whose request failed (5xx, timeout, abort), so a retry goes upstream again. */
  release(input: IdempotencyRecordRef): Promise<void>;
  close(): Promise<void>;
}
