/**
 * OpenAI-style rate-limit headers (SPEC §4, §9), so clients written against OpenAI read our limits
 * with the code they already have: the requests trio for rpm, the tokens trio for tpm.
 */
import { formatResetDuration } from './format-reset-duration.ts';

export type RateLimitHeaders = Readonly<Record<string, string>>;

export interface CounterReading {
  readonly limit: number;
  readonly remaining: number;
  readonly resetMs: number;
}

/** `x-ratelimit-{limit,remaining,reset}-{requests|tokens}` for one counter. */
export function rateLimitHeaders(unit: 'requests' | 'tokens', reading: CounterReading): Record<string, string> {
  return {
    [`x-ratelimit-limit-${unit}`]: String(reading.limit),
    [`x-ratelimit-remaining-${unit}`]: String(reading.remaining),
    [`x-ratelimit-reset-${unit}`]: formatResetDuration(reading.resetMs),
  };
}

/** The counter a client should pace itself by: the fewest remaining, then the longest to reset. */
export function tightest<Reading extends CounterReading>(readings: readonly Reading[]): Reading | undefined {
  let best: Reading | undefined;
  for (const reading of readings) {
    if (!best || reading.remaining < best.remaining || (reading.remaining === best.remaining && reading.resetMs > best.resetMs)) best = reading;
  }
  return best;
}

/**
 * `retry-after` in whole seconds, at least 1 (HTTP allows no fraction, and 0 invites a hot loop),
 * plus `retry-after-ms`, which the OpenAI and Anthropic SDKs prefer when present.
 */
export function retryAfterHeaders(retryAfterMs: number): Record<string, string> {
  return { 'retry-after': String(retryAfterSeconds(retryAfterMs)), 'retry-after-ms': String(Math.max(1, Math.ceil(retryAfterMs))) };
}

export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
