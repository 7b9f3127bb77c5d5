/**
 * Rate-limit rules as the core sees them (SPEC §3 `rate_limits:`, §9). The gateway's zod schema
 * produces exactly this shape; it is restated here because the core may not import the gateway.
 */

/** Requests and tokens are counted per minute. */
export const RATE_LIMIT_PERIOD_MS = 60_000;

export type RateLimitKind = 'rpm' | 'tpm' | 'concurrent';

/**
 * Which traffic a rule covers, ANDed. A value is either one fixed value or "*", meaning one
 * counter per value. `tag` is `name=value` or `name=*`. `global: true` covers all traffic.
 */
export interface RateLimitRuleScope {
  readonly global?: true;
  readonly tenant?: string;
  readonly key?: string;
  readonly user?: string;
  readonly project?: string;
  readonly feature?: string;
  readonly tag?: string;
  readonly model?: string;
}

export interface RateLimitRule {
  readonly scope: RateLimitRuleScope;
  readonly rpm?: number;
  readonly tpm?: number;
  readonly concurrent?: number;
}

/** What a request is, as far as rate limits care; a missing dimension is null or undefined. */
export interface RateLimitFacts {
  readonly keyId?: string | null;
  readonly tenant?: string | null;
  readonly user?: string | null;
  readonly project?: string | null;
  readonly feature?: string | null;
  readonly model?: string | null;
  readonly tags?: Readonly<Record<string, string>>;
}
