/**
 * GCRA (generic cell rate algorithm): a token bucket of `limit` per `periodMs` with a burst of
 * `limit`, in O(1) state. A request of cost c takes c × periodMs / limit ms of the period; it is
 * admitted while the TAT stays within one period of now. Pure: the store applies it atomically.
 */
import { gcraDebtAt, type GcraState, type GcraWindow } from './gcra-state.ts';

export interface GcraParams extends GcraWindow {
  /** What this request takes: 1 for rpm, its tokens for tpm; 0 peeks without taking. */
  readonly cost: number;
}

interface GcraCommon {
  /** The state to store (unchanged in meaning when refused). */
  readonly state: GcraState;
  /** Whole units still available after this decision. */
  readonly remaining: number;
  /** Milliseconds until the counter is empty again (OpenAI's `x-ratelimit-reset-*`); 0 when it is. */
  readonly resetMs: number;
}

export type GcraDecision =
  | (GcraCommon & { readonly allowed: true; readonly retryAfterMs: 0 })
  /** The counter is full for now; after exactly `retryAfterMs` (≥ 1) the same cost is admitted. */
  | (GcraCommon & { readonly allowed: false; readonly reason: 'limit_reached'; readonly retryAfterMs: number })
  /** The cost alone is more than the limit: no wait will admit it. */
  | (GcraCommon & { readonly allowed: false; readonly reason: 'exceeds_limit'; readonly retryAfterMs: null });

/** Decides one request against a counter and returns the counter's next state. */
export function gcra(state: GcraState | undefined, params: GcraParams): GcraDecision {
  const { now, limit, periodMs, cost } = params;
  const current = gcraDebtAt(state, params);
  if (!Number.isSafeInteger(cost) || cost < 0) throw new RangeError(`gcra: cost must be a whole number ≥ 0, got ${cost}`);
  const capacity = limit * periodMs;
  // `at` runs ahead of `now` only when the caller's clock is behind the store's; waits count from now
  const lag = current.at - now;
  if (cost > limit) {
    return { allowed: false, reason: 'exceeds_limit', retryAfterMs: null, ...summary(current, capacity, params, lag) };
  }
  const debt = current.debt + cost * periodMs;
  if (debt > capacity) {
    const retryAfterMs = lag + Math.ceil((debt - capacity) / limit);
    return { allowed: false, reason: 'limit_reached', retryAfterMs, ...summary(current, capacity, params, lag) };
  }
  const next = { at: current.at, debt };
  return { allowed: true, retryAfterMs: 0, ...summary(next, capacity, params, lag) };
}

function summary(state: GcraState, capacity: number, { limit, periodMs }: GcraWindow, lag: number): GcraCommon {
  return {
    state,
    remaining: state.debt >= capacity ? 0 : Math.floor((capacity - state.debt) / periodMs),
    resetMs: state.debt === 0 ? 0 : lag + Math.ceil(state.debt / limit),
  };
}
