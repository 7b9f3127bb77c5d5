/**
 * Adds costops' overlay (./overlay) to catalog providers built from the dataset: batch discounts,
 * 1-hour cache-write prices, long-context tiers, output / context limits, and providers the dataset lacks. The overlay
 * only fills gaps; a value the dataset has is never replaced. Each filled field is listed in the
 * version's `overlay` so a reader can tell our numbers from the dataset's.
 */
import { scaleRate } from '../core/money/index.ts';
import {
  compileMatchRule,
  isTieredRate,
  type CatalogModel,
  type CatalogProviderInput,
  type ModelPrice,
  type PriceRate,
} from '../core/pricing/index.ts';
import { convertGenaiProvider } from './convert-genai-provider.ts';
import { BATCH_DISCOUNTS, type BatchDiscountRule } from './overlay/batch-discounts.ts';
import { CACHE_WRITE_1H_RULES } from './overlay/cache-write-1h.ts';
import { EXTRA_PROVIDERS } from './overlay/extra-providers.ts';
import { LONG_CONTEXT_TIERS, type TieredClass } from './overlay/long-context-tiers.ts';
import { MODEL_LIMITS } from './overlay/model-limits.ts';

/** The providers with the overlay applied, followed by the overlay's own providers. */
export function applyOverlay(providers: readonly CatalogProviderInput[]): CatalogProviderInput[] {
  const extra = EXTRA_PROVIDERS.map((provider) => {
    const { id, name, pricingUrls, models } = provider;
    const asDataset = { id, name, api_pattern: '', pricing_urls: [...pricingUrls], models: [...models] };
    return convertGenaiProvider(asDataset, { aliases: provider.aliases, source: 'costops-overlay' });
  });
  return [...providers, ...extra].map((provider) => ({ ...provider, models: provider.models.map(overlayModel) }));
}

const batchRules = BATCH_DISCOUNTS.map((rule) => ({ rule, applies: ruleMatcher(rule) }));
const cacheRules = CACHE_WRITE_1H_RULES.map((rule) => ({ rule, matches: compileMatchRule(rule.match) }));
const limits = new Map(MODEL_LIMITS.map((limit) => [`${limit.provider}:${limit.model}`, limit]));
const longContext = new Map(LONG_CONTEXT_TIERS.map((rule) => [`${rule.provider}:${rule.model}`, rule]));

function ruleMatcher(rule: BatchDiscountRule): (model: CatalogModel) => boolean {
  const ids = rule.models && new Set(rule.models);
  const matches = rule.match && compileMatchRule(rule.match);
  return (model) =>
    model.provider === rule.provider && (ids ? ids.has(model.model) : matches ? matches(model.model.toLowerCase()) : true);
}

function overlayModel(model: CatalogModel): CatalogModel {
  const batch = batchRules.find((entry) => entry.applies(model))?.rule;
  const lowerId = model.model.toLowerCase();
  const cacheRule = cacheRules.find((entry) => entry.rule.provider === model.provider && entry.matches(lowerId))?.rule;
  const limit = limits.get(`${model.provider}:${model.model}`);
  const tierRule = longContext.get(`${model.provider}:${model.model}`);
  const versions = model.versions.map((version): ModelPrice => {
    const filled: string[] = [...(version.overlay ?? [])];
    const additions: { -readonly [K in keyof ModelPrice]?: ModelPrice[K] } = {};
    if (batch && version.batchDiscount === undefined) {
      additions.batchDiscount = batch.discount;
      filled.push('batchDiscount');
    }
    if (cacheRule && version.cacheWrite5m && !version.cacheWrite1h && version.input) {
      additions.cacheWrite1h = scalePriceRate(version.input, cacheRule.factorOfInput);
      filled.push('cacheWrite1h');
    }
    // after the 1-hour write is filled in, so a filled-in rate gets its tier too
    for (const [priceClass, factor] of Object.entries(tierRule?.factors ?? {}) as [TieredClass, string][]) {
      const rate = additions[priceClass] ?? version[priceClass];
      if (!rate || isTieredRate(rate)) continue;
      additions[priceClass] = { base: rate, tiers: [{ startTokens: tierRule!.startTokens, rate: scaleRate(rate, factor) }] };
      filled.push(`${priceClass} tier`);
    }
    if (limit?.maxOutputTokens !== undefined && version.maxOutputTokens === undefined) {
      additions.maxOutputTokens = limit.maxOutputTokens;
      filled.push('maxOutputTokens');
    }
    if (limit?.contextWindow !== undefined && version.contextWindow === undefined) {
      additions.contextWindow = limit.contextWindow;
      filled.push('contextWindow');
    }
    if (filled.length === (version.overlay?.length ?? 0)) return version;
    return { ...version, ...additions, overlay: filled };
  });
  return { ...model, versions };
}

function scalePriceRate(rate: PriceRate, factor: string): PriceRate {
  if (!isTieredRate(rate)) return scaleRate(rate, factor);
  const tiers = rate.tiers.map((tier) => ({ startTokens: tier.startTokens, rate: scaleRate(tier.rate, factor) }));
  return { base: scaleRate(rate.base, factor), tiers };
}
