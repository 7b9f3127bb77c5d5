/**
 * One version of a model's price: what every token class cost from `effectiveFrom` on (and, for
 * providers with peak / off-peak pricing, during `timeOfDay`). Versions are never edited in place;
 * a new price is a new version, so a past request is always priced at the price in force when it ran.
 */
import type { Rate } from '../money/index.ts';

/** A price that depends on the size of the whole prompt (Gemini > 200k, GPT-5.4 > 272k, …). */
export interface TieredRate {
  readonly base: Rate;
  /** Ascending; a tier applies when the prompt is strictly larger than `startTokens` (genai-prices' rule). */
  readonly tiers: readonly { readonly startTokens: number; readonly rate: Rate }[];
}

export type PriceRate = Rate | TieredRate;

export type PriceSource = 'genai-prices@0.1.8' | 'costops-overlay' | 'config';

/** A daily UTC window, end exclusive; `endSecond < startSecond` wraps past midnight. */
export interface TimeOfDayWindow {
  readonly startSecond: number;
  readonly endSecond: number;
}

/** The token classes a price can carry; each maps to a field of `Usage` (see calculateCost). */
export const PRICE_CLASSES = [
  'input',
  'cacheRead',
  'cacheWrite5m',
  'cacheWrite1h',
  'output',
  'reasoning',
  'inputAudio',
  'cacheReadAudio',
  'outputAudio',
  'inputImage',
  'outputImage',
  'webSearch',
  'request',
] as const;

export type PriceClass = (typeof PRICE_CLASSES)[number];

export interface ModelPrice {
  /**
   * Stable price id a ledger row cites: `provider:model@2025-06-10`, `…@base` for the undated
   * first price, `…@base~00:30-16:30` for a time-of-day variant, `…@config-1a2b3c4d` for config.
   */
  readonly id: string;
  readonly provider: string;
  /** Canonical model id in the catalog. */
  readonly model: string;
  readonly source: PriceSource;
  /** ISO date (UTC midnight) the price starts, or null when the source gives no start (the base price). */
  readonly effectiveFrom: string | null;
  /** Set only on peak / off-peak variants; the version without a window applies outside every window. */
  readonly timeOfDay?: TimeOfDayWindow;

  /** Uncached input, per 1M tokens. */
  readonly input?: PriceRate;
  readonly cacheRead?: PriceRate;
  readonly cacheWrite5m?: PriceRate;
  readonly cacheWrite1h?: PriceRate;
  readonly output?: PriceRate;
  /** Only where reasoning is billed differently from other output (Perplexity deep research). */
  readonly reasoning?: PriceRate;
  readonly inputAudio?: PriceRate;
  readonly cacheReadAudio?: PriceRate;
  readonly outputAudio?: PriceRate;
  readonly inputImage?: PriceRate;
  readonly outputImage?: PriceRate;
  /** Per server-side web search (quoted per 1,000). */
  readonly webSearch?: Rate;
  /** Flat fee per request (quoted per 1,000), e.g. Perplexity Sonar. */
  readonly request?: Rate;

  /** Exact decimal factor paid through the provider's batch API ("0.5" = pay 50%); undefined = no batch API. */
  readonly batchDiscount?: string;
  /** Explicit batch prices (config `batch_input` / `batch_output`); they win over batchDiscount. */
  readonly batchRates?: { readonly input?: PriceRate; readonly output?: PriceRate };

  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
  /** Fields filled in by costops' overlay rather than the dataset, so `costops prices` can say where a number came from. */
  readonly overlay?: readonly string[];
}

/** Type guard for tiered prices. */
export function isTieredRate(rate: PriceRate): rate is TieredRate {
  return 'base' in rate;
}

/** The rate that applies to a prompt of `promptTokens` tokens. */
export function rateForPrompt(rate: PriceRate, promptTokens: number): Rate {
  if (!isTieredRate(rate)) return rate;
  let chosen = rate.base;
  for (const tier of rate.tiers) if (promptTokens > tier.startTokens) chosen = tier.rate;
  return chosen;
}
