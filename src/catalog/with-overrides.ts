/**
 * Config price overrides and additions (SPEC §3 `prices:`), USD per 1M tokens as numbers or
 * decimal strings. An override of a model the catalog knows (same provider, same canonical id)
 * replaces its token prices at every date — the user is stating what they pay — but keeps the
 * model's API facts it does not restate: batch discount, per-search and per-request fees, limits.
 * Any other name becomes a new model of that provider, searched before the dataset's models, so
 * "gpt-4o-2024-08-06" can be priced apart from "gpt-4o".
 */
import { formatRate, parseRate, type Rate } from '../core/money/index.ts';
import { CostOpsError } from '../core/errors/index.ts';
import {
  configPriceId,
  createCatalog,
  findCatalogProvider,
  type CatalogModel,
  type CatalogProviderInput,
  type ModelPrice,
  type PriceCatalog,
} from '../core/pricing/index.ts';

type Usd = number | string;

export interface PriceOverride {
  model: string;
  provider: string;
  input: Usd;
  output: Usd;
  cached_input?: Usd;
  cache_write?: Usd;
  batch_input?: Usd;
  batch_output?: Usd;
  context_window?: number;
  max_output_tokens?: number;
}

/** A new catalog with `overrides` applied in order (a later entry for the same model wins). */
export function withOverrides(catalog: PriceCatalog, overrides: readonly PriceOverride[]): PriceCatalog {
  const providers: CatalogProviderInput[] = catalog.providers.map((provider) => ({ ...provider, models: [...provider.models] }));
  overrides.forEach((override, position) => {
    const where = `prices[${position}]`;
    const providerName = requireText(override.provider, `${where}.provider`);
    const providerId = findCatalogProvider(catalog, providerName)?.id ?? providerName;
    let index = providers.findIndex((provider) => provider.id === providerId);
    if (index < 0) index = providers.push({ id: providerId, name: providerId, models: [] }) - 1;
    const provider = providers[index]!;
    const modelName = requireText(override.model, `${where}.model`);
    const models = [...provider.models];
    const existingAt = models.findIndex((model) => model.model.toLowerCase() === modelName.toLowerCase());
    const existing = existingAt >= 0 ? models[existingAt] : undefined;
    const model: CatalogModel = {
      provider: providerId,
      model: existing?.model ?? modelName,
      match: existing?.match ?? { equals: modelName },
      ...(existing?.displayName !== undefined && { displayName: existing.displayName }),
      versions: [configVersion(override, providerId, existing?.model ?? modelName, latest(existing), where)],
    };
    if (existing) models[existingAt] = model;
    else models.unshift(model);
    providers[index] = { ...provider, models };
  });
  return createCatalog(providers);
}

function configVersion(
  override: PriceOverride,
  provider: string,
  model: string,
  inherited: ModelPrice | undefined,
  where: string,
): ModelPrice {
  const rate = (value: Usd | undefined, key: keyof PriceOverride): Rate | undefined => {
    if (value === undefined) return undefined;
    try {
      return parseRate(value, 1_000_000);
    } catch (error) {
      const message = `${where}.${key}: ${(error as Error).message}; write USD per 1M tokens, e.g. 2.5`;
      throw new CostOpsError('invalid_config', message, { cause: error });
    }
  };
  const input = rate(required(override.input, `${where}.input`), 'input');
  const output = rate(required(override.output, `${where}.output`), 'output');
  const cacheRead = rate(override.cached_input, 'cached_input');
  const cacheWrite5m = rate(override.cache_write, 'cache_write');
  const batchInput = rate(override.batch_input, 'batch_input');
  const batchOutput = rate(override.batch_output, 'batch_output');
  const contextWindow = override.context_window ?? inherited?.contextWindow;
  const maxOutputTokens = override.max_output_tokens ?? inherited?.maxOutputTokens;
  const limits = [
    ['context_window', override.context_window],
    ['max_output_tokens', override.max_output_tokens],
  ] as const;
  for (const [key, value] of limits) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
      throw new CostOpsError('invalid_config', `${where}.${key}: ${value} is not a positive whole number of tokens`);
    }
  }
  const rates = [input, output, cacheRead, cacheWrite5m, batchInput, batchOutput];
  const numbers = rates.map((rate) => (rate ? formatRate(rate) : '-')).join('|');
  const hasBatchRates = batchInput !== undefined || batchOutput !== undefined;
  return {
    id: configPriceId(provider, model, numbers),
    provider,
    model,
    source: 'config',
    effectiveFrom: null,
    ...(input && { input }),
    ...(output && { output }),
    ...(cacheRead && { cacheRead }),
    ...(cacheWrite5m && { cacheWrite5m }),
    ...(inherited?.webSearch && { webSearch: inherited.webSearch }),
    ...(inherited?.request && { request: inherited.request }),
    ...(hasBatchRates && {
      batchRates: { ...(batchInput && { input: batchInput }), ...(batchOutput && { output: batchOutput }) },
    }),
    ...(!hasBatchRates && inherited?.batchDiscount !== undefined && { batchDiscount: inherited.batchDiscount }),
    ...(contextWindow !== undefined && { contextWindow }),
    ...(maxOutputTokens !== undefined && { maxOutputTokens }),
  };
}

/** The model's most recent plain (not time-of-day) version: where its API facts are freshest. */
function latest(model: CatalogModel | undefined): ModelPrice | undefined {
  return model?.versions.filter((version) => !version.timeOfDay).at(-1);
}

function required(value: Usd | undefined, key: string): Usd {
  if (value === undefined || value === '') {
    throw new CostOpsError('invalid_config', `${key} is required (USD per 1M tokens, e.g. 2.5)`);
  }
  return value;
}

function requireText(value: string | undefined, key: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CostOpsError('invalid_config', `${key} is required (a non-empty name)`);
  }
  return value.trim();
}
