export { loadCatalog, buildDefaultCatalog, type LoadCatalogOptions } from './load-catalog.ts';
export { withOverrides, type PriceOverride } from './with-overrides.ts';
export { GENAI_PRICES_SOURCE, GENAI_PROVIDERS } from './genai-providers.ts';
