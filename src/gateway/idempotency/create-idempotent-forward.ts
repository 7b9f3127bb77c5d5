/**
 * Idempotency-Key handling around one proxied request (SPEC §7): the first request with a key
 * claims it and goes upstream; a repeat within 24 h gets the first response again without an
 * upstream call; the key with a different body, or while the first is still running, is a 409.
 *
 * What is stored: responses that came from the upstream (they carry a ledger row id) with a status
 * a retry would not change: successes and 4xx. Released, so that a retry goes upstream again:
 * 5xx and timeouts, client aborts and broken streams, the statuses clients are told to retry
 * (408, 409, 429 — the official SDKs retry exactly these and 5xx), and the gateway's own refusals
 * before any upstream call (unknown model, …), which a configuration change may fix.
 *
 * A replay writes no ledger row. An idempotent retry is the same client request delivered again,
 * not a new one: its one operation is already in the ledger (the replay carries that row's
 * `x-costops-request-id`), and a second row would inflate request counts and per-request unit
 * costs, and would look like a duplicate request to the duplicate-detection analysis (§14).
 */
import type { ClientSignal } from '../http/client-signal.ts';
import { CostOpsError } from '../../core/errors/index.ts';
import type { Clock, IdempotencyStore } from '../../core/ports/index.ts';
import { errorResponse } from '../http/error-body.ts';
import type { ErrorStyle } from '../proxy/formats/api-format.ts';
import { captureResponse } from './capture-response.ts';
import { replayResponse } from './replay-response.ts';

export interface IdempotencyClaim {
  readonly tenant: string;
  readonly key: string;
  readonly requestHash: string;
  /** Error bodies in the route's format. */
  readonly style: ErrorStyle;
  /** Aborted when the client disconnects. */
  readonly signal: ClientSignal;
}

/** Runs `send` (the upstream call) at most once per claim; answers repeats from the store. */
export type IdempotentForward = (claim: IdempotencyClaim, send: () => Promise<Response>) => Promise<Response>;

/** Statuses the official SDKs retry: a stored one would turn every retry into the same failure for 24 h. */
// 402 too: it is a budget block (block_status 402), which raising the budget lifts at once
const RETRYABLE_STATUSES = new Set([402, 408, 409, 429]);

export function createIdempotentForward(deps: { store: IdempotencyStore; clock: Clock }): IdempotentForward {
  const { store, clock } = deps;
  /**
   * Responses this process is writing to the store right now, by tenant and key. The client may
   * see the end of its response a moment before the write commits; a retry arriving in that moment
   * waits for the write and is replayed, instead of getting "still being processed".
   */
  const storing = new Map<string, Promise<void>>();

  function keep(claim: IdempotencyClaim, response: Response): void {
    const id = recordId(claim);
    const copy = response.clone();
    const release = () => store.release({ tenant: claim.tenant, key: claim.key });
    void captureResponse(copy, claim.signal).then((captured) => {
      // Not stored (cut, aborted, or the write failed): free the key so the retry goes upstream.
      const written = (captured ? store.complete({ tenant: claim.tenant, key: claim.key, response: captured }).catch(release) : release())
        // Releasing failed too (store closed or unreachable): the claim lapses after its lease.
        .catch(() => undefined)
        .finally(() => {
          if (storing.get(id) === written) storing.delete(id);
        });
      storing.set(id, written);
    });
  }

  return async (claim, send) => {
    const begin = () =>
      store.begin({ tenant: claim.tenant, key: claim.key, requestHash: claim.requestHash, now: clock.now() }).catch((error: unknown) => {
        // Fail closed: going upstream unchecked could make the very duplicate call the key exists to prevent.
        throw new CostOpsError('internal_error', 'the idempotency store could not be reached; retry the request (it was not sent upstream)', { cause: error });
      });
    // A release that fails leaves the claim to lapse after its lease; the client still gets the real outcome.
    const release = () => store.release({ tenant: claim.tenant, key: claim.key }).catch(() => undefined);
    let result = await begin();
    if (result.state === 'in_progress') {
      const pending = storing.get(recordId(claim));
      if (pending) {
        await pending;
        result = await begin();
      }
    }
    switch (result.state) {
      case 'replay':
        return replayResponse(result.response);
      case 'mismatch':
        return errorResponse(
          new CostOpsError('conflict', `Idempotency-Key "${claim.key}" was used with a different request body within 24 h; use a new key for a new request`),
          claim.style,
        );
      case 'in_progress':
        return errorResponse(
          new CostOpsError('conflict', `Idempotency-Key "${claim.key}" is still being processed by an earlier request with the same body; retry after it finishes`),
          claim.style,
        );
    }
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      await release();
      throw error;
    }
    if (!isReplayable(response)) {
      // Released before the client sees the failure, so its immediate retry goes upstream.
      await release();
      return response;
    }
    keep(claim, response);
    return response;
  };
}

/** Came from the upstream (has a ledger row) with a status that a retry would not change. */
function isReplayable(response: Response): boolean {
  return response.headers.has('x-costops-request-id') && response.status < 500 && !RETRYABLE_STATUSES.has(response.status);
}

function recordId(claim: IdempotencyClaim): string {
  return `${claim.tenant}\u0000${claim.key}`;
}
