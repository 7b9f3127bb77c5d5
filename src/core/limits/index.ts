/**
 * Rate-limit decisions (SPEC §9), pure: GCRA for requests and tokens per minute, and the expansion
 * of `rate_limits:` rules into the counters one request must fit. Stores apply them atomically.
 */
export { gcra, type GcraParams, type GcraDecision } from './gcra.ts';
export { adjustGcra } from './adjust-gcra.ts';
export { gcraDebtAt, type GcraState, type GcraWindow } from './gcra-state.ts';
export { limitsFor, counterKey, type CounterLimit, type ScopeValue, type ScopeDimension } from './limits-for.ts';
export {
  RATE_LIMIT_PERIOD_MS,
  type RateLimitKind,
  type RateLimitRule,
  type RateLimitRuleScope,
  type RateLimitFacts,
} from './rate-limit-rule.ts';
