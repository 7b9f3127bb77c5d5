/**
 * The price catalog: providers, their models, and every price version of each model. Built once
 * by `createCatalog`, which also compiles the name-matching rules so lookups stay cheap on the
 * request path. The catalog is immutable; config overrides produce a new catalog.
 */
import { compileMatchRule, type MatchRule, type NameMatcher } from './match-rule.ts';
import type { ModelPrice } from './model-price.ts';

export interface CatalogModel {
  readonly provider: string;
  /** Canonical id; always resolvable by itself, case-insensitively. */
  readonly model: string;
  readonly displayName?: string;
  /** Other names the model answers to: dated snapshots, aliases, regional spellings. */
  readonly match: MatchRule;
  readonly deprecated?: boolean;
  /** Sorted: undated base first, then by effectiveFrom; time-of-day variants after their day's plain price. */
  readonly versions: readonly ModelPrice[];
}

export interface CatalogProviderInput {
  readonly id: string;
  readonly name: string;
  /** Other spellings accepted as a provider hint or a `provider/` prefix ("gemini", "xai", "together_ai"). */
  readonly aliases?: readonly string[];
  /** Names that certainly belong to this provider; such names are searched here first. */
  readonly modelMatch?: MatchRule;
  /** Providers whose models this one also serves (genai-prices: Google Vertex serves Claude). */
  readonly fallbackProviders?: readonly string[];
  readonly pricingUrls?: readonly string[];
  readonly models: readonly CatalogModel[];
}

export interface CatalogProvider extends CatalogProviderInput {
  readonly aliases: readonly string[];
}

interface IndexedModel {
  readonly model: CatalogModel;
  readonly matches: NameMatcher;
}

interface IndexedProvider {
  readonly provider: CatalogProvider;
  readonly ownsName: NameMatcher | undefined;
  readonly byId: ReadonlyMap<string, CatalogModel>;
  readonly models: readonly IndexedModel[];
}

/** Lookup structures built once per catalog; read only by this folder's functions. */
export interface CatalogIndex {
  readonly providers: readonly IndexedProvider[];
  readonly byProviderName: ReadonlyMap<string, IndexedProvider>;
}

export interface PriceCatalog {
  /** In search order: when a name is ambiguous without a provider hint, the earlier provider wins. */
  readonly providers: readonly CatalogProvider[];
  readonly index: CatalogIndex;
}

/** Builds an immutable catalog from providers in search order; throws on duplicate provider ids or aliases. */
export function createCatalog(providers: readonly CatalogProviderInput[]): PriceCatalog {
  const indexed: IndexedProvider[] = [];
  const byProviderName = new Map<string, IndexedProvider>();
  const frozenProviders: CatalogProvider[] = [];
  for (const input of providers) {
    const provider: CatalogProvider = Object.freeze({ ...input, aliases: input.aliases ?? [] });
    const byId = new Map<string, CatalogModel>();
    for (const model of provider.models) {
      const key = model.model.toLowerCase();
      if (!byId.has(key)) byId.set(key, model);
    }
    const entry: IndexedProvider = {
      provider,
      ownsName: provider.modelMatch ? compileMatchRule(provider.modelMatch) : undefined,
      byId,
      models: provider.models.map((model) => ({ model, matches: compileMatchRule(model.match) })),
    };
    for (const name of [provider.id, ...provider.aliases]) {
      const key = name.toLowerCase();
      if (byProviderName.has(key)) throw new RangeError(`provider name "${name}" is used twice in the catalog`);
      byProviderName.set(key, entry);
    }
    indexed.push(entry);
    frozenProviders.push(provider);
  }
  return Object.freeze({
    providers: Object.freeze(frozenProviders),
    index: Object.freeze({ providers: Object.freeze(indexed), byProviderName }),
  });
}

/** The provider with this id or alias (case-insensitive). */
export function findCatalogProvider(catalog: PriceCatalog, name: string): CatalogProvider | undefined {
  return catalog.index.byProviderName.get(name.trim().toLowerCase())?.provider;
}

/** Every model of the catalog, in search order. */
export function listModels(catalog: PriceCatalog, options: { provider?: string } = {}): CatalogModel[] {
  if (options.provider === undefined) return catalog.providers.flatMap((provider) => provider.models);
  return [...(findCatalogProvider(catalog, options.provider)?.models ?? [])];
}
