/**
 * Turns the model name a client wrote into a catalog model: canonical ids, dated snapshots
 * (gpt-4o-2024-08-06), aliases (claude-sonnet-4-0, claude-3-5-sonnet-latest), provider prefixes
 * (openai/gpt-4o, models/gemini-2.5-pro) and Vertex spellings (claude-sonnet-4@20250514).
 */
import type { CatalogIndex, CatalogModel, PriceCatalog } from './price-catalog.ts';

type IndexedProvider = CatalogIndex['providers'][number];

export interface ResolveOptions {
  /**
   * Provider id or alias the request is going to. An unknown provider resolves nothing: another
   * host's price for the same model name would be a guess.
   */
  provider?: string;
}

/**
 * Answers already found, per catalog (catalogs are immutable): the gateway resolves the same few
 * names on every request. Bounded, since names come from clients: a full memo starts over.
 */
const memos = new WeakMap<CatalogIndex, Map<string, CatalogModel | undefined>>();
const MEMO_LIMIT = 4_096;

/** The catalog model a name refers to, or undefined when the catalog does not know it. */
export function resolveModel(catalog: PriceCatalog, name: string, options: ResolveOptions = {}): CatalogModel | undefined {
  let memo = memos.get(catalog.index);
  if (!memo) memos.set(catalog.index, (memo = new Map()));
  const key = options.provider === undefined ? `\u0000${name}` : `${options.provider}\u0000${name}`;
  if (memo.has(key)) return memo.get(key);
  const found = resolveUncached(catalog, name, options);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, found);
  return found;
}

function resolveUncached(catalog: PriceCatalog, name: string, options: ResolveOptions): CatalogModel | undefined {
  const lower = name.trim().toLowerCase();
  if (lower === '') return undefined;
  const { index } = catalog;
  let hint: IndexedProvider | undefined;
  if (options.provider !== undefined) {
    hint = index.byProviderName.get(options.provider.trim().toLowerCase());
    if (!hint) return undefined;
  }
  for (const candidate of nameVariants(lower)) {
    const found = hint ? resolveWithHint(index, hint, candidate) : resolveWithoutHint(index, candidate);
    if (found) return found;
  }
  return undefined;
}

/**
 * The spellings tried in order: as written; with compact dates dashed (-20240806 → -2024-08-06,
 * as genai-prices does); and, last, without a trailing date or `-latest`, so a snapshot newer than
 * the dataset is priced like its family rather than not at all.
 */
function nameVariants(lower: string): string[] {
  const variants = [lower];
  const dashed = lower.replace(COMPACT_DATE, (whole, year: string, month: string, day: string) =>
    isCalendarDate(year, month, day) ? `-${year}-${month}-${day}` : whole,
  );
  if (dashed !== lower) variants.push(dashed);
  const undated = dashed.replace(TRAILING_VERSION, '');
  if (undated !== dashed && undated !== '') variants.push(undated);
  return variants;
}

const COMPACT_DATE = /-(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|@|$)/g;
const TRAILING_VERSION = /(?:-\d{4}-\d{2}-\d{2}|-latest)$/;

function isCalendarDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

/** `provider/rest` or `models/rest`; `rest` may itself contain slashes (together's `meta-llama/…`). */
function splitPrefix(name: string): { prefix: string; rest: string } | undefined {
  const slash = name.indexOf('/');
  if (slash <= 0 || slash === name.length - 1) return undefined;
  return { prefix: name.slice(0, slash), rest: name.slice(slash + 1) };
}

function resolveWithHint(index: CatalogIndex, hint: IndexedProvider, name: string): CatalogModel | undefined {
  const names = [name];
  const split = splitPrefix(name);
  // a host's own ids may contain another vendor's prefix (groq's "openai/gpt-oss-120b"), so the
  // prefix is dropped only when it repeats the hinted provider or is Gemini's resource prefix
  if (split && (split.prefix === 'models' || index.byProviderName.get(split.prefix) === hint)) names.push(split.rest);
  for (const candidate of names) {
    const found = searchProvider(index, hint, candidate, new Set());
    if (found) return found;
  }
  return undefined;
}

function resolveWithoutHint(index: CatalogIndex, name: string): CatalogModel | undefined {
  const split = splitPrefix(name);
  if (split?.prefix === 'models') return resolveWithoutHint(index, split.rest);
  // a known provider prefix first: other providers' loose rules (Vertex's `contains: claude-sonnet-4-2025`)
  // would otherwise catch "anthropic/claude-sonnet-4-20250514" before Anthropic itself
  const prefixed = split && index.byProviderName.get(split.prefix);
  const viaPrefix = prefixed && split && searchProvider(index, prefixed, split.rest, new Set());
  if (viaPrefix) return viaPrefix;
  // genai-prices' order: a provider that claims the name (gpt-*, claude*, gemini*) first, then everyone
  for (const provider of index.providers) {
    if (!provider.ownsName?.(name)) continue;
    const found = searchRules(provider, name);
    if (found) return found;
  }
  for (const provider of index.providers) {
    const found = searchRules(provider, name);
    if (found) return found;
  }
  // canonical ids last: some hosts' ids are shortened forms (fireworks' "gemma-3-27b-it" stands for
  // accounts/fireworks/models/…) that must not shadow what the name means to the vendor
  for (const provider of index.providers) {
    const exact = provider.byId.get(name);
    if (exact) return exact;
  }
  return undefined;
}

function searchProvider(
  index: CatalogIndex,
  provider: IndexedProvider,
  name: string,
  visited: Set<IndexedProvider>,
): CatalogModel | undefined {
  if (visited.has(provider)) return undefined;
  visited.add(provider);
  const found = searchRules(provider, name) ?? provider.byId.get(name);
  if (found) return found;
  for (const fallbackId of provider.provider.fallbackProviders ?? []) {
    const fallback = index.byProviderName.get(fallbackId.toLowerCase());
    const viaFallback = fallback && searchProvider(index, fallback, name, visited);
    if (viaFallback) return viaFallback;
  }
  return undefined;
}

/** First model whose rule matches, in dataset order (genai-prices relies on that order). */
function searchRules(provider: IndexedProvider, name: string): CatalogModel | undefined {
  return provider.models.find((entry) => entry.matches(name))?.model;
}
