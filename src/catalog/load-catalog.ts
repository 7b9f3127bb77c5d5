/**
 * Builds the price catalog from the genai-prices data embedded in the installed package (never
 * its remote update: prices change only with a dependency bump, reviewed with the overlay), then
 * the overlay, then config overrides.
 */
import { findProvider } from '@pydantic/genai-prices';
import { createCatalog, type PriceCatalog } from '../core/pricing/index.ts';
import { applyOverlay } from './apply-overlay.ts';
import { convertGenaiProvider } from './convert-genai-provider.ts';
import { GENAI_PRICES_SOURCE, GENAI_PROVIDERS } from './genai-providers.ts';
import { withOverrides, type PriceOverride } from './with-overrides.ts';

export interface LoadCatalogOptions {
  /** Config `prices:` entries (SPEC §3). */
  overrides?: readonly PriceOverride[];
}

/** The dataset + overlay catalog, built once on first use; the catalog is immutable, so sharing it is safe. */
let defaultCatalog: PriceCatalog | undefined;

/** The catalog with `options.overrides` applied; without overrides every call returns the same built default. */
export function loadCatalog(options: LoadCatalogOptions = {}): PriceCatalog {
  defaultCatalog ??= buildDefaultCatalog();
  return options.overrides?.length ? withOverrides(defaultCatalog, options.overrides) : defaultCatalog;
}

/** Builds a fresh dataset + overlay catalog (tests and benchmarks; the app uses loadCatalog). */
export function buildDefaultCatalog(): PriceCatalog {
  const providers = GENAI_PROVIDERS.map((choice) => {
    const provider = findProvider({ providerId: choice.id });
    // the dependency is pinned, so a missing provider is a development error, caught by the tests
    if (!provider || provider.id !== choice.id) throw new Error(`genai-prices has no provider "${choice.id}"`);
    return convertGenaiProvider(provider, { aliases: choice.aliases, source: GENAI_PRICES_SOURCE });
  });
  return createCatalog(applyOverlay(providers));
}
