/**
 * The wait before a delivery's next attempt: exponential (base, 2×base, 4×base…, capped), with
 * "equal jitter" — half the delay fixed, half random — so that alerts failing together (a
 * receiver down) do not all come back at the same instant, yet no retry comes back at once.
 */
export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Delay after failed attempt number `attempt` (1 = the first); `random` returns [0, 1). */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
