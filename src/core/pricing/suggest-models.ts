/**
 * "did you mean: a, b, c?" for a model name the catalog does not know (SPEC §2): the known names
 * closest by edit distance, ties broken by the longer shared prefix.
 */
import { exactNames } from './match-rule.ts';
import { findCatalogProvider, type PriceCatalog } from './price-catalog.ts';

/** Up to `count` known model names closest to `name`, best first, one per catalog model. */
export function suggestModels(catalog: PriceCatalog, name: string, count = 3, options: { provider?: string } = {}): string[] {
  const target = stripPrefix(catalog, name.trim().toLowerCase());
  const hinted = options.provider === undefined ? undefined : findCatalogProvider(catalog, options.provider);
  const providers = options.provider === undefined ? catalog.providers : hinted ? [hinted] : [];
  const best = new Map<string, Scored>();
  for (const provider of providers) {
    for (const model of provider.models) {
      const key = `${model.provider}:${model.model}`;
      // the canonical id and the literal aliases (claude-sonnet-4, gpt-4o-2024-08-06) are all names a user can type
      for (const candidate of [model.model, ...exactNames(model.match)]) {
        const scored = score(target, candidate);
        const previous = best.get(key);
        if (!previous || compare(scored, previous) < 0) best.set(key, scored);
      }
    }
  }
  const seen = new Set<string>();
  const result: string[] = [];
  for (const scored of [...best.values()].sort(compare)) {
    if (seen.has(scored.name)) continue;
    seen.add(scored.name);
    result.push(scored.name);
    if (result.length === count) break;
  }
  return result;
}

interface Scored {
  readonly name: string;
  readonly distance: number;
  readonly sharedPrefix: number;
}

function score(target: string, candidate: string): Scored {
  const lower = candidate.toLowerCase();
  return { name: candidate, distance: editDistance(target, lower), sharedPrefix: sharedPrefixLength(target, lower) };
}

function compare(a: Scored, b: Scored): number {
  return (
    a.distance - b.distance ||
    b.sharedPrefix - a.sharedPrefix ||
    a.name.length - b.name.length ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

function stripPrefix(catalog: PriceCatalog, name: string): string {
  const slash = name.indexOf('/');
  if (slash <= 0) return name;
  const prefix = name.slice(0, slash);
  return prefix === 'models' || findCatalogProvider(catalog, prefix) ? name.slice(slash + 1) : name;
}

function sharedPrefixLength(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/** Levenshtein distance, two rows of memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
