/**
 * Matching ledger rows against a rule's scope, and naming the scope value a row belongs to.
 * A fixed value ("tenant: acme") filters; "*" ("user: *", "tag: team=*") also splits, so a
 * wildcard rule keeps one window per value. Rows without a value for a "*" dimension belong to
 * no value and are not counted (an anonymous request is nobody's spend).
 */
import type { LedgerRow, UsageDimension } from '../ports/ledger-store.ts';
import type { AlertScope } from './alert-rule.ts';

/** A row's place in a scope: the concrete scope and a key that names it exactly. */
export interface ScopeMatch {
  readonly scope: AlertScope;
  readonly key: string;
}

export interface CompiledScope {
  /** The scope value the row belongs to, or undefined when the row is outside the scope. */
  match(row: LedgerRow): ScopeMatch | undefined;
  /** usage() groups by the "*" dimensions… */
  readonly groupBy: readonly UsageDimension[];
  /** …and filters by the fixed ones, so that its groups are exactly the scope values. */
  readonly where: Readonly<Partial<Record<UsageDimension, string>>>;
  /** The scope value of a usage() group (keyed by `groupBy` dimension), undefined when a "*" value is absent. */
  fromGroup(group: Readonly<Record<string, string | null>>): ScopeMatch | undefined;
}

type Field = 'tenant' | 'key' | 'user' | 'project' | 'feature';

const FIELDS: readonly { field: Field; dimension: UsageDimension; read: (row: LedgerRow) => string | null }[] = [
  { field: 'tenant', dimension: 'tenant', read: (row) => row.tenant },
  { field: 'key', dimension: 'keyId', read: (row) => row.keyId },
  { field: 'user', dimension: 'user', read: (row) => row.user },
  { field: 'project', dimension: 'project', read: (row) => row.project },
  { field: 'feature', dimension: 'feature', read: (row) => row.feature },
];

interface Part {
  /** The scope field the value goes back into. */
  field: Field | 'tag';
  dimension: UsageDimension;
  read: (row: LedgerRow) => string | null;
  /** Undefined for "*". */
  fixed: string | undefined;
  /** Turns a value back into the scope field's form ("team=search" for tags). */
  written: (value: string) => string;
}

const GLOBAL: ScopeMatch = Object.freeze({ scope: Object.freeze({ global: true as const }), key: '{"global":true}' });

/** Compiles a scope once; matching a row then costs a few property reads. */
export function compileScope(scope: AlertScope | undefined): CompiledScope {
  const parts = partsOf(scope);
  if (parts.length === 0) return { match: () => GLOBAL, groupBy: [], where: {}, fromGroup: () => GLOBAL };
  const wildcards = parts.filter((part) => part.fixed === undefined);
  const where: Partial<Record<UsageDimension, string>> = {};
  for (const part of parts) if (part.fixed !== undefined) where[part.dimension] = part.fixed;
  // Without "*" every matching row has the same scope value: build it once.
  const constant = wildcards.length === 0 ? build(parts.map((part) => [part, part.fixed!])) : undefined;

  return {
    match(row) {
      for (const part of parts) {
        const value = part.read(row);
        if (value === null || (part.fixed !== undefined && value !== part.fixed)) return undefined;
      }
      return constant ?? build(parts.map((part) => [part, part.read(row)!]));
    },
    groupBy: wildcards.map((part) => part.dimension),
    where,
    fromGroup(group) {
      if (constant) return constant;
      const values: [Part, string][] = [];
      for (const part of parts) {
        const value = part.fixed ?? group[part.dimension];
        if (value === null || value === undefined) return undefined;
        values.push([part, value]);
      }
      return build(values);
    },
  };
}

/** The scope for people: "feature=chat, tag team=search", or "all traffic". */
export function describeScope(scope: AlertScope): string {
  const parts: string[] = [];
  for (const { field } of FIELDS) if (scope[field] !== undefined) parts.push(`${field}=${scope[field]}`);
  if (scope.tag !== undefined) parts.push(`tag ${scope.tag}`);
  return parts.length === 0 ? 'all traffic' : parts.join(', ');
}

/** An exact, order-independent name for a concrete scope (dedupe and cooldown keys). */
export function scopeKey(scope: AlertScope): string {
  if (scope.global || Object.keys(scope).length === 0) return GLOBAL.key;
  const ordered: Record<string, string> = {};
  for (const { field } of FIELDS) if (scope[field] !== undefined) ordered[field] = scope[field]!;
  if (scope.tag !== undefined) ordered.tag = scope.tag;
  return JSON.stringify(ordered);
}

function partsOf(scope: AlertScope | undefined): Part[] {
  if (scope === undefined || scope.global) return [];
  const parts: Part[] = [];
  for (const { field, dimension, read } of FIELDS) {
    const value = scope[field];
    if (value === undefined) continue;
    parts.push({ field, dimension, read, fixed: value === '*' ? undefined : value, written: (written) => written });
  }
  if (scope.tag !== undefined) {
    const at = scope.tag.indexOf('=');
    const name = scope.tag.slice(0, at);
    const value = scope.tag.slice(at + 1);
    parts.push({
      field: 'tag',
      dimension: `tag.${name}`,
      read: (row) => row.tags[name] ?? null,
      fixed: value === '*' ? undefined : value,
      written: (written) => `${name}=${written}`,
    });
  }
  return parts;
}

function build(values: readonly (readonly [Part, string])[]): ScopeMatch {
  const scope: Record<string, string> = {};
  for (const [part, value] of values) scope[part.field] = part.written(value);
  return { scope: scope as AlertScope, key: scopeKey(scope as AlertScope) };
}
