/**
 * Which configured provider serves a model for a given API: same API kind, and the model in the
 * provider's `models` list (or "*": any model the catalog prices for that provider). Aliases from
 * config are applied first. A miss is a clear `model_not_found` naming what is configured.
 */
import { CostOpsError } from '../../core/errors/index.ts';
import { findCatalogProvider, resolveModel, type PriceCatalog } from '../../core/pricing/index.ts';
import type { Config, ProviderConfig, ProviderKind } from '../config/index.ts';

export interface ProviderChoice {
  readonly provider: ProviderConfig;
  /** The model name sent upstream (after aliasing). */
  readonly model: string;
  /** Provider id to price with in the catalog, or undefined when the catalog has no such provider. */
  readonly pricingProvider: string | undefined;
}

const CATALOG_ID_BY_KIND: Record<ProviderKind, string | undefined> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  'openai-compatible': undefined,
};

export interface ProviderRegistry {
  choose(requestedModel: string, kinds: readonly ProviderKind[]): ProviderChoice;
  readonly providers: readonly ProviderConfig[];
}

export function createProviderRegistry(config: Config, catalog: PriceCatalog): ProviderRegistry {
  const pricingProviderOf = (provider: ProviderConfig): string | undefined =>
    findCatalogProvider(catalog, provider.name) ? provider.name : CATALOG_ID_BY_KIND[provider.kind];

  const serves = (provider: ProviderConfig, model: string): boolean => {
    const lower = model.toLowerCase();
    if (provider.models.some((name) => name.toLowerCase() === lower)) return true;
    if (!provider.models.includes('*')) return false;
    const pricing = pricingProviderOf(provider);
    // an openai-compatible server with "*" and no catalog entry (vLLM, Ollama) serves any name
    if (pricing === undefined) return provider.kind === 'openai-compatible';
    return resolveModel(catalog, model, { provider: pricing }) !== undefined;
  };

  return {
    providers: config.providers,
    choose(requestedModel, kinds) {
      const model = config.aliases[requestedModel] ?? requestedModel;
      const candidates = config.providers.filter((provider) => kinds.includes(provider.kind));
      const provider = candidates.find((candidate) => serves(candidate, model));
      if (provider) return { provider, model, pricingProvider: pricingProviderOf(provider) };
      throw new CostOpsError('model_not_found', notFoundMessage(requestedModel, config.providers, kinds), {
        details: { model: requestedModel },
      });
    },
  };
}

function notFoundMessage(model: string, providers: readonly ProviderConfig[], kinds: readonly ProviderKind[]): string {
  if (providers.length === 0) {
    return `no provider serves model "${model}": no providers are configured. Add one under "providers:" in costops.config.yaml (see README, "Configure a provider")`;
  }
  const listed = providers.map((provider) => `${provider.name} (${provider.kind}: ${provider.models.join(', ')})`).join('; ');
  return `no provider of kind ${kinds.join('/')} serves model "${model}". Configured providers: ${listed}`;
}
