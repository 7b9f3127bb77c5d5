/** Idempotency-Key support for the proxy routes (SPEC §7): header, request hash, claim and replay. */
export { createIdempotentForward, type IdempotentForward, type IdempotencyClaim } from './create-idempotent-forward.ts';
export { readIdempotencyKey, IDEMPOTENCY_KEY_HEADER } from './read-idempotency-key.ts';
export { hashRequest, requestRoute } from './hash-request.ts';
export { REPLAY_HEADER } from './replay-response.ts';
export { claimLeaseMs } from './claim-lease-ms.ts';
