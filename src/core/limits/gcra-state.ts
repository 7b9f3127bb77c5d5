/**
 * The state of one GCRA counter, kept exact in integers.
 *
 * GCRA tracks a theoretical arrival time (TAT): the moment the counter would be empty again.
 * Stored as one millisecond number, TAT would need fractions (60 000 ms / 7 requests, or 0.3 ms
 * per token at 200 000 tpm) and floats would drift at the edges that tests check exactly. So the
 * state holds the same TAT as `at + debt / limit`: `at` is the integer millisecond it was written,
 * `debt` the outstanding cost in units of 1/limit ms, i.e. cost × periodMs. Debt in those units
 * is what has been consumed, independent of the limit, so a limit changed by a config reload keeps
 * what was used. Every value stays a safe integer, which a Redis Lua script can also keep exactly.
 */
export interface GcraState {
  /** When the state was last written (integer ms since the epoch). */
  readonly at: number;
  /** Outstanding cost × periodMs; it drains by `limit` per millisecond. */
  readonly debt: number;
}

/** The period and limit a counter is checked against at `now` (integer ms). */
export interface GcraWindow {
  readonly now: number;
  /** Cost admitted per period: requests for rpm, tokens for tpm; also the burst. */
  readonly limit: number;
  readonly periodMs: number;
}

/** Brings a state forward to `now`: the debt left after draining, and the time it is measured at. */
export function gcraDebtAt(state: GcraState | undefined, window: GcraWindow): GcraState {
  checkWindow(window);
  const { now, limit, periodMs } = window;
  if (state === undefined) return { at: now, debt: 0 };
  if (now >= state.at) {
    // elapsed × limit may exceed 2^53 for a long-idle state; it then only needs to beat the debt
    const drained = (now - state.at) * limit;
    return { at: now, debt: drained >= state.debt ? 0 : state.debt - drained };
  }
  // A slightly older `now` is two requests racing to the store (or a little clock skew between
  // instances): no time passes, so capacity is never counted twice. A step back of a whole period
  // or more is the clock being reset: rebase, so the counter neither frees nor blocks capacity.
  if (state.at - now < periodMs) return state;
  return { at: now, debt: state.debt };
}

function checkWindow({ now, limit, periodMs }: GcraWindow): void {
  if (!Number.isSafeInteger(now)) throw new RangeError(`gcra: now must be integer milliseconds, got ${now}`);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`gcra: limit must be a whole number ≥ 1, got ${limit}`);
  if (!Number.isSafeInteger(periodMs) || periodMs < 1) throw new RangeError(`gcra: periodMs must be a whole number ≥ 1, got ${periodMs}`);
  if (!Number.isSafeInteger(limit * periodMs)) {
    throw new RangeError(`gcra: limit × periodMs (${limit} × ${periodMs}) is too large to count exactly; lower the limit`);
  }
}
