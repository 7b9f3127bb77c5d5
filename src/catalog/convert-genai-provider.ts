/**
 * Converts a genai-prices provider into catalog models. Each `ConditionalPrice` becomes a version:
 * a `start_date` constraint is the version's effectiveFrom; a `time_of_date` constraint becomes a
 * time-of-day variant of the most recent dated price listed before it. genai-prices cannot put a
 * date and a window on one entry (its deepseek-v4 comment, issue #582), so its peak windows there
 * apply even before their price existed; anchoring each window to the preceding date fixes that.
 */
import type { ConditionalPrice, ModelInfo, Provider } from '@pydantic/genai-prices';
import {
  priceId,
  type CatalogModel,
  type CatalogProviderInput,
  type MatchRule,
  type ModelPrice,
  type PriceSource,
  type TimeOfDayWindow,
} from '../core/pricing/index.ts';
import { convertGenaiPrices } from './convert-genai-prices.ts';

/** Catalog form of a genai-prices provider, tagged with `source`. */
export function convertGenaiProvider(
  provider: Provider,
  options: { aliases: readonly string[]; source: PriceSource },
): CatalogProviderInput {
  return {
    id: provider.id,
    name: provider.name,
    aliases: options.aliases,
    ...(provider.model_match && { modelMatch: provider.model_match as MatchRule }),
    ...(provider.fallback_model_providers && { fallbackProviders: provider.fallback_model_providers }),
    ...(provider.pricing_urls && { pricingUrls: provider.pricing_urls }),
    models: provider.models.map((model) => convertGenaiModel(provider.id, model, options.source)),
  };
}

/** Catalog form of one genai-prices model with all its price versions. */
export function convertGenaiModel(providerId: string, model: ModelInfo, source: PriceSource): CatalogModel {
  const entries: ConditionalPrice[] = Array.isArray(model.prices) ? model.prices : [{ prices: model.prices }];
  const versions: ModelPrice[] = [];
  let day: string | null = null;
  for (const entry of entries) {
    const where = `${providerId}:${model.id}`;
    const constraint = entry.constraint as Record<string, string> | undefined;
    let timeOfDay: TimeOfDayWindow | undefined;
    if (constraint === undefined) day = null;
    else if ('start_date' in constraint) day = constraint.start_date!;
    else if ('start_time' in constraint) {
      timeOfDay = { startSecond: utcSecond(constraint.start_time!, where), endSecond: utcSecond(constraint.end_time!, where) };
    }
    else throw new RangeError(`${where}: unknown price constraint ${JSON.stringify(constraint)}`);
    versions.push({
      id: priceId({ provider: providerId, model: model.id, effectiveFrom: day, ...(timeOfDay && { timeOfDay }) }),
      provider: providerId,
      model: model.id,
      source,
      effectiveFrom: day,
      ...(timeOfDay && { timeOfDay }),
      ...convertGenaiPrices(entry.prices, where),
      ...(model.context_window !== undefined && { contextWindow: model.context_window }),
    });
  }
  return {
    provider: providerId,
    model: model.id,
    ...(model.name !== undefined && { displayName: model.name }),
    match: model.match as MatchRule,
    ...(model.deprecated && { deprecated: true }),
    versions: sortVersions(versions),
  };
}

/** Undated first, then by date; a day's plain price before its time-of-day variants. Stable otherwise. */
export function sortVersions(versions: readonly ModelPrice[]): ModelPrice[] {
  const key = (version: ModelPrice): string => `${version.effectiveFrom ?? '0000-00-00'}|${version.timeOfDay ? 1 : 0}`;
  return [...versions].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** "00:30:00Z" or "08:30:00+08:00" → seconds after UTC midnight. */
function utcSecond(text: string, where: string): number {
  const match = TIME.exec(text);
  if (!match) throw new RangeError(`${where}: bad time of day "${text}"`);
  const [, hours, minutes, seconds, zone, sign, offsetHours = '0', offsetMinutes = '0'] = match;
  const local = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  const offset = zone === 'Z' ? 0 : (sign === '+' ? 1 : -1) * (Number(offsetHours) * 3600 + Number(offsetMinutes) * 60);
  return (((local - offset) % 86_400) + 86_400) % 86_400;
}
