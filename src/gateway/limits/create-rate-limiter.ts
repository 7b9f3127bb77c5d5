/**
 * Client-side rate limits (SPEC §9): every configured rule that applies to a request — requests
 * per minute, tokens per minute, concurrent requests — checked against a CounterStore before the
 * request costs anything. All or nothing: when one counter refuses, what the others took in the
 * same admit is given back, so a refused request never uses up capacity.
 */
import { CostOpsError } from '../../core/errors/index.ts';
import { limitsFor, RATE_LIMIT_PERIOD_MS, type CounterLimit, type GcraDecision, type RateLimitFacts, type RateLimitRule } from '../../core/limits/index.ts';
import type { Clock, CounterStore } from '../../core/ports/index.ts';
import { concurrencyMessage, exceedsLimitMessage, limitReachedMessage } from './describe-limit.ts';
import { rateLimitHeaders, retryAfterHeaders, retryAfterSeconds, tightest, type RateLimitHeaders } from './rate-limit-headers.ts';

export interface RateLimiterOptions {
  /** `config.rate_limits`. */
  readonly rules: readonly RateLimitRule[];
  readonly store: CounterStore;
  readonly clock: Clock;
}

/** Who the request is for, and the tokens it counts for tpm before the upstream call. */
export interface AdmitRequest extends RateLimitFacts {
  /** Input tokens counted pre-flight. */
  readonly inputTokens: number;
  /** Output tokens reserved: the request's max output, or the configured cap. */
  readonly reservedOutputTokens: number;
}

/** What an admitted request holds until it ends. Both methods are safe to call more than once. */
export interface RateLimitLease {
  /**
   * Corrects the tpm counters from the pre-flight count to what the request used (all input
   * token classes + all output). Only the first call counts.
   */
  settle(actualTotalTokens: number): Promise<void>;
  /** Gives the concurrency slots back. Call it on every path (end, error, abort, timeout); repeats are no-ops. */
  release(): Promise<void>;
}

export type AdmitResult =
  | { readonly ok: true; readonly lease: RateLimitLease; readonly headers: RateLimitHeaders }
  | {
      readonly ok: false;
      /** Code `rate_limited` (429); the message names the limit and the wait. */
      readonly error: CostOpsError;
      /** Whole seconds (≥ 1) for `retry-after`; null when waiting cannot help (the request alone exceeds a tpm limit). */
      readonly retryAfterSeconds: number | null;
      readonly retryAfterMs: number | null;
      readonly headers: RateLimitHeaders;
    };

export interface RateLimiter {
  admit(request: AdmitRequest): Promise<AdmitResult>;
}

const NO_LEASE: RateLimitLease = Object.freeze({ settle: async () => {}, release: async () => {} });
const NO_LIMITS: AdmitResult = Object.freeze({ ok: true, lease: NO_LEASE, headers: Object.freeze({}) });
// One resolved promise for every unlimited request: the gateway calls admit on each request
const NO_LIMITS_ADMITTED = Promise.resolve(NO_LIMITS);

interface Reading {
  readonly limit: number;
  readonly remaining: number;
  readonly resetMs: number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { rules, store, clock } = options;
  if (rules.length === 0) return { admit: () => NO_LIMITS_ADMITTED };

  return {
    async admit(request) {
      const limits = limitsFor(rules, request);
      if (limits.length === 0) return NO_LIMITS;
      checkCount('inputTokens', request.inputTokens);
      checkCount('reservedOutputTokens', request.reservedOutputTokens);
      const tokens = request.inputTokens + request.reservedOutputTokens;
      const now = clock.now().getTime();
      const taken: CounterLimit[] = [];
      const readings = { requests: [] as Reading[], tokens: [] as Reading[] };
      const giveBack = () => rollBack(store, taken, now, tokens);

      // Rate counters first, slots last: a slot is the scarcer thing to hold while another rule refuses.
      for (const limit of [...limits].sort((a, b) => Number(a.kind === 'concurrent') - Number(b.kind === 'concurrent'))) {
        if (limit.kind === 'concurrent') {
          const slot = await store.acquire(limit.key, limit.limit);
          if (!slot.acquired) {
            await giveBack();
            return refuseConcurrent(limit);
          }
        } else {
          const window = { now, limit: limit.limit, periodMs: RATE_LIMIT_PERIOD_MS };
          const decision = await store.consume(limit.key, { ...window, cost: limit.kind === 'rpm' ? 1 : tokens });
          if (!decision.allowed) {
            await giveBack();
            return refuseRate(limit, decision, request);
          }
          readings[limit.kind === 'rpm' ? 'requests' : 'tokens'].push({ limit: limit.limit, remaining: decision.remaining, resetMs: decision.resetMs });
        }
        taken.push(limit);
      }
      return { ok: true, lease: createLease(store, clock, taken, tokens), headers: successHeaders(readings) };
    },
  };
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`rate limiter: ${name} must be a whole number ≥ 0, got ${value}`);
}

/** Undoes one admit's takings: each rate counter by exactly what it took, each slot once. */
async function rollBack(store: CounterStore, taken: readonly CounterLimit[], now: number, tokens: number): Promise<void> {
  await Promise.all(
    taken.map((limit) =>
      limit.kind === 'concurrent'
        ? store.release(limit.key)
        : store.adjust(limit.key, { now, limit: limit.limit, periodMs: RATE_LIMIT_PERIOD_MS }, limit.kind === 'rpm' ? -1 : -tokens),
    ),
  );
}

function createLease(store: CounterStore, clock: Clock, taken: readonly CounterLimit[], countedTokens: number): RateLimitLease {
  const tpm = taken.filter((limit) => limit.kind === 'tpm');
  const slots = taken.filter((limit) => limit.kind === 'concurrent');
  if (tpm.length === 0 && slots.length === 0) return NO_LEASE;
  let settled = false;
  let released = false;
  return {
    async settle(actualTotalTokens) {
      if (settled) return;
      checkCount('actualTotalTokens', actualTotalTokens);
      settled = true;
      const delta = actualTotalTokens - countedTokens;
      if (delta === 0 || tpm.length === 0) return;
      const now = clock.now().getTime();
      await Promise.all(tpm.map((limit) => store.adjust(limit.key, { now, limit: limit.limit, periodMs: RATE_LIMIT_PERIOD_MS }, delta)));
    },
    async release() {
      if (released) return;
      // set before the await, so that a second call while the first is in flight releases nothing more
      released = true;
      await Promise.all(slots.map((limit) => store.release(limit.key)));
    },
  };
}

function successHeaders(readings: { requests: Reading[]; tokens: Reading[] }): RateLimitHeaders {
  const requests = tightest(readings.requests);
  const tokens = tightest(readings.tokens);
  return {
    ...(requests && rateLimitHeaders('requests', requests)),
    ...(tokens && rateLimitHeaders('tokens', tokens)),
  };
}

function refuseRate(limit: CounterLimit, decision: GcraDecision & { allowed: false }, request: AdmitRequest): AdmitResult {
  const unit = limit.kind === 'rpm' ? 'requests' : 'tokens';
  const reading = rateLimitHeaders(unit, { limit: limit.limit, remaining: decision.remaining, resetMs: decision.resetMs });
  const details = { kind: limit.kind, limit: limit.limit, counter: limit.key, rule: limit.ruleIndex };
  if (decision.reason === 'exceeds_limit') {
    const error = new CostOpsError('rate_limited', exceedsLimitMessage(limit, request), { details });
    // x-should-retry: the OpenAI and Anthropic SDKs otherwise retry a 429 that no wait can fix
    return { ok: false, error, retryAfterSeconds: null, retryAfterMs: null, headers: { ...reading, 'x-should-retry': 'false' } };
  }
  const seconds = retryAfterSeconds(decision.retryAfterMs);
  const error = new CostOpsError('rate_limited', limitReachedMessage(limit, request, seconds), { details: { ...details, retryAfterMs: decision.retryAfterMs } });
  return { ok: false, error, retryAfterSeconds: seconds, retryAfterMs: decision.retryAfterMs, headers: { ...reading, ...retryAfterHeaders(decision.retryAfterMs) } };
}

// When a slot frees depends on other requests finishing; a second is a polite first retry.
const CONCURRENCY_RETRY_MS = 1000;

function refuseConcurrent(limit: CounterLimit): AdmitResult {
  const error = new CostOpsError('rate_limited', concurrencyMessage(limit), {
    details: { kind: limit.kind, limit: limit.limit, counter: limit.key, rule: limit.ruleIndex },
  });
  return { ok: false, error, retryAfterSeconds: retryAfterSeconds(CONCURRENCY_RETRY_MS), retryAfterMs: CONCURRENCY_RETRY_MS, headers: retryAfterHeaders(CONCURRENCY_RETRY_MS) };
}
