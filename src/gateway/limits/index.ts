/**
 * Client-side rate limits for the gateway (SPEC §9): `createRateLimiter` checks `rate_limits:`
 * before a request costs anything and hands back OpenAI-style `x-ratelimit-*` headers.
 */
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type AdmitRequest,
  type AdmitResult,
  type RateLimitLease,
} from './create-rate-limiter.ts';
export { formatResetDuration } from './format-reset-duration.ts';
export type { RateLimitHeaders } from './rate-limit-headers.ts';
