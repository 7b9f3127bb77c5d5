export { type MatchRule, compileMatchRule } from './match-rule.ts';
export {
  type ModelPrice,
  type PriceRate,
  type TieredRate,
  type PriceSource,
  type PriceClass,
  type TimeOfDayWindow,
  PRICE_CLASSES,
  isTieredRate,
  rateForPrompt,
} from './model-price.ts';
export {
  type PriceCatalog,
  type CatalogProvider,
  type CatalogProviderInput,
  type CatalogModel,
  createCatalog,
  findCatalogProvider,
  listModels,
} from './price-catalog.ts';
export { type PriceIdParts, priceId, configPriceId } from './price-id.ts';
export { type ResolveOptions, resolveModel } from './resolve-model.ts';
export { suggestModels } from './suggest-models.ts';
export { priceAt, priceVersionAt } from './price-at.ts';
export { type CostBreakdown, type CostResult, type CalculateCostOptions, calculateCost } from './calculate-cost.ts';
