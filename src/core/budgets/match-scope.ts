/**
 * Whether a budget's scope covers a request, and which of its counters it spends from. A scope
 * with "*" is one budget per value: `{user: "*"}` and a request of alice spend from `user=alice`.
 */
import type { BudgetFacts } from './budget-facts.ts';
import type { BudgetScope } from './budget-definition.ts';

/** The ledger filter a concrete scope value stands for: every dimension it names, with its value. */
export interface ScopeFilter {
  readonly tenant?: string;
  readonly keyId?: string;
  readonly user?: string;
  readonly project?: string;
  readonly feature?: string;
  readonly tag?: { readonly name: string; readonly value: string };
}

export interface ScopeMatch {
  /** The counter's name within the budget: "global", or "tenant=acme,user=alice,tag.team=search". */
  readonly key: string;
  /** The scope with every "*" replaced by the request's value (what an alert names). */
  readonly scope: BudgetScope;
  readonly filter: ScopeFilter;
}

const COLUMNS = [
  ['tenant', 'tenant'],
  ['key', 'keyId'],
  ['user', 'user'],
  ['project', 'project'],
  ['feature', 'feature'],
] as const;

/** The counter this request spends from under `scope`, or undefined when the scope does not cover it. */
export function matchScope(scope: BudgetScope, facts: BudgetFacts): ScopeMatch | undefined {
  if (scope.global === true) return { key: 'global', scope: { global: true }, filter: {} };
  const parts: string[] = [];
  const concrete: Record<string, string> = {};
  const filter: { -readonly [K in keyof ScopeFilter]: ScopeFilter[K] } = {};
  for (const [dimension, fact] of COLUMNS) {
    const wanted = scope[dimension];
    if (wanted === undefined) continue;
    const actual = facts[fact];
    if (actual === null || actual === '' || (wanted !== '*' && wanted !== actual)) return undefined;
    parts.push(`${dimension}=${actual}`);
    concrete[dimension] = actual;
    filter[fact] = actual;
  }
  if (scope.tag !== undefined) {
    const equals = scope.tag.indexOf('=');
    const name = scope.tag.slice(0, equals);
    const wanted = scope.tag.slice(equals + 1);
    const actual = facts.tags[name];
    if (actual === undefined || (wanted !== '*' && wanted !== actual)) return undefined;
    parts.push(`tag.${name}=${actual}`);
    concrete['tag'] = `${name}=${actual}`;
    filter.tag = { name, value: actual };
  }
  // A scope naming nothing is refused by the config schema; treated as covering nothing here.
  if (parts.length === 0) return undefined;
  return { key: parts.join(','), scope: concrete as BudgetScope, filter };
}

/** True when the scope has a "*": one counter per value rather than one for the budget. */
export function isPerValueScope(scope: BudgetScope): boolean {
  return Object.entries(scope).some(([dimension, value]) => (dimension === 'tag' ? String(value).endsWith('=*') : value === '*'));
}
