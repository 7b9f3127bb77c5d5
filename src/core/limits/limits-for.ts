/**
 * Expands the configured rules into the concrete counters one request must fit: `{key: "*"}`
 * becomes the counter of this request's key, a fixed value applies only to requests with that
 * value, and a rule naming a dimension the request lacks (no key with auth off, no user header)
 * does not limit it.
 */
import type { RateLimitFacts, RateLimitKind, RateLimitRule, RateLimitRuleScope } from './rate-limit-rule.ts';

/** One counter a request is checked against. */
export interface CounterLimit {
  /** The store key, e.g. `rl:key=key_01:rpm` or `rl:tenant=acme,model=gpt-4o:tpm`. */
  readonly key: string;
  readonly kind: RateLimitKind;
  readonly limit: number;
  /** The concrete values this counter covers, in a fixed order; empty for a global rule. */
  readonly scope: readonly ScopeValue[];
  /** Index of the winning rule in `rate_limits`, for messages and debugging. */
  readonly ruleIndex: number;
}

export interface ScopeValue {
  readonly dimension: ScopeDimension;
  /** The request's value; for a tag, `name=value`. */
  readonly value: string;
}

export type ScopeDimension = 'tenant' | 'key' | 'user' | 'project' | 'feature' | 'tag' | 'model';

// The order of dimensions in a counter key: fixed, so one scope always names one counter.
const DIMENSIONS: readonly ScopeDimension[] = ['tenant', 'key', 'user', 'project', 'feature', 'tag', 'model'];
const KINDS: readonly RateLimitKind[] = ['rpm', 'tpm', 'concurrent'];

interface Candidate extends CounterLimit {
  /** How many of the scope's values were fixed rather than "*": the more, the more specific. */
  readonly fixed: number;
}

/**
 * The counters that apply to a request, in rule order (rpm, tpm, concurrent within a rule).
 * When several rules land on the same counter — `{key: "*", rpm: 600}` and `{key: "key_vip", rpm: 6000}`
 * for key_vip — the rule with more fixed values wins, so a named value overrides the default
 * for "each value"; between equally specific rules the lower limit wins, so a duplicate never loosens.
 * Rules with different scopes all apply: a request must fit each of them.
 */
export function limitsFor(rules: readonly RateLimitRule[], facts: RateLimitFacts): CounterLimit[] {
  if (rules.length === 0) return [];
  const chosen = new Map<string, Candidate>();
  rules.forEach((rule, ruleIndex) => {
    const match = matchScope(rule.scope, facts);
    if (!match) return;
    for (const kind of KINDS) {
      const limit = rule[kind];
      if (limit === undefined) continue;
      const key = counterKey(match.values, kind);
      const candidate: Candidate = { key, kind, limit, scope: match.values, ruleIndex, fixed: match.fixed };
      const previous = chosen.get(key);
      if (!previous || beats(candidate, previous)) chosen.set(key, candidate);
    }
  });
  return [...chosen.values()]
    .sort((a, b) => a.ruleIndex - b.ruleIndex || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind))
    .map(({ fixed: _fixed, ...limit }) => limit);
}

/** The store key of a counter: `rl:` + `dimension=value` pairs + `:kind`; values are URI-encoded so `,` `=` `:` cannot collide. */
export function counterKey(scope: readonly ScopeValue[], kind: RateLimitKind): string {
  const named = scope.length === 0 ? 'global' : scope.map(({ dimension, value }) => `${dimension}=${encodeURIComponent(value)}`).join(',');
  return `rl:${named}:${kind}`;
}

function beats(candidate: Candidate, previous: Candidate): boolean {
  if (candidate.fixed !== previous.fixed) return candidate.fixed > previous.fixed;
  return candidate.limit < previous.limit;
}

function matchScope(scope: RateLimitRuleScope, facts: RateLimitFacts): { values: ScopeValue[]; fixed: number } | undefined {
  const values: ScopeValue[] = [];
  let fixed = 0;
  for (const dimension of DIMENSIONS) {
    const wanted = scope[dimension];
    if (wanted === undefined) continue;
    if (dimension === 'tag') {
      const tag = matchTag(wanted, facts.tags);
      if (!tag) return undefined;
      values.push({ dimension, value: tag.value });
      if (tag.fixed) fixed++;
      continue;
    }
    const actual = factFor(dimension, facts);
    if (!actual) return undefined;
    if (wanted !== '*') {
      if (wanted !== actual) return undefined;
      fixed++;
    }
    values.push({ dimension, value: actual });
  }
  // `{global: true}` (or, defensively, an empty scope) matches every request with no values
  return { values, fixed };
}

function factFor(dimension: Exclude<ScopeDimension, 'tag'>, facts: RateLimitFacts): string | undefined {
  const value = dimension === 'key' ? facts.keyId : facts[dimension];
  return value === null || value === undefined || value === '' ? undefined : value;
}

/** `team=*` matches any value of tag team, `team=ml` only ml. */
function matchTag(wanted: string, tags: Readonly<Record<string, string>> | undefined): { value: string; fixed: boolean } | undefined {
  const equals = wanted.indexOf('=');
  const name = wanted.slice(0, equals);
  const expected = wanted.slice(equals + 1);
  const actual = tags && Object.hasOwn(tags, name) ? tags[name] : undefined;
  if (actual === undefined || actual === '') return undefined;
  if (expected !== '*' && expected !== actual) return undefined;
  return { value: `${name}=${actual}`, fixed: expected !== '*' };
}
