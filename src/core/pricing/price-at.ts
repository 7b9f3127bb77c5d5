/**
 * Picks the price version in force at a moment: the latest `effectiveFrom` not after it, and within
 * that day's prices a peak / off-peak variant whose UTC window contains the time of day.
 */
import type { ModelPrice, TimeOfDayWindow } from './model-price.ts';
import type { CatalogModel, PriceCatalog } from './price-catalog.ts';
import { resolveModel, type ResolveOptions } from './resolve-model.ts';

/** The price of `modelName` in force at `time`, or undefined for a model the catalog does not know. */
export function priceAt(catalog: PriceCatalog, modelName: string, time: Date, options: ResolveOptions = {}): ModelPrice | undefined {
  const model = resolveModel(catalog, modelName, options);
  return model && priceVersionAt(model, time);
}

/**
 * The version of an already resolved model in force at `time`. A time before every dated version
 * of a model without an undated base gets its earliest price (as genai-prices does) rather than none.
 */
export function priceVersionAt(model: CatalogModel, time: Date): ModelPrice | undefined {
  const at = time.getTime();
  if (Number.isNaN(at)) throw new RangeError('priceVersionAt: invalid time');
  const second = time.getUTCHours() * 3600 + time.getUTCMinutes() * 60 + time.getUTCSeconds();
  let chosen: ModelPrice | undefined;
  let chosenFrom = -Infinity;
  let chosenRank = -1;
  let earliest: ModelPrice | undefined;
  for (const version of model.versions) {
    const from = startOf(version);
    if (!version.timeOfDay && (!earliest || from < startOf(earliest))) earliest = version;
    if (from > at) continue;
    if (version.timeOfDay && !inWindow(version.timeOfDay, second)) continue;
    // a matching time-of-day variant beats the plain price of the same day
    const rank = version.timeOfDay ? 1 : 0;
    if (!chosen || from > chosenFrom || (from === chosenFrom && rank >= chosenRank)) {
      chosen = version;
      chosenFrom = from;
      chosenRank = rank;
    }
  }
  return chosen ?? earliest;
}

function startOf(version: ModelPrice): number {
  return version.effectiveFrom === null ? -Infinity : Date.parse(`${version.effectiveFrom}T00:00:00Z`);
}

function inWindow(window: TimeOfDayWindow, second: number): boolean {
  const { startSecond, endSecond } = window;
  return endSecond < startSecond ? second >= startSecond || second < endSecond : second >= startSecond && second < endSecond;
}
