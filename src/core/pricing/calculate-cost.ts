/**
 * Cost of one request = Σ class tokens × class price, each class rounded once to the nano-dollar
 * (docs/decisions/0001-money.md), so the total is the exact sum of the breakdown.
 *
 * Fallbacks, each named in `fallbacks` when used:
 * - an audio or image subset without its own rate stays in its text class (billed at the text rate);
 * - reasoning tokens are billed at the output rate unless the price has a reasoning rate;
 * - cache reads without a cache-read price are billed as uncached input (an upper bound);
 * - 5-minute cache writes without a write price are billed as input (OpenAI-style providers
 *   charge written tokens as ordinary input);
 * - in a batch, a class with neither an explicit batch price nor a discount keeps its full price.
 * No fallback: 1-hour cache writes (Anthropic's 2× input is filled in by the catalog overlay, not
 * guessed here), web searches, and input or output without a price: those make the result `unpriced`.
 */
import { applyRate, scaleRate, type Nanos, type Rate } from '../money/index.ts';
import { promptTokens, USAGE_FIELDS, type Usage } from '../usage/index.ts';
import { rateForPrompt, type ModelPrice, type PriceRate } from './model-price.ts';

export interface CostBreakdown {
  /** Uncached input, less any audio / image subset priced at its own rate. */
  readonly input: Nanos;
  readonly cacheRead: Nanos;
  readonly cacheWrite5m: Nanos;
  readonly cacheWrite1h: Nanos;
  /** Output less reasoning and any audio / image subset priced at its own rate. */
  readonly output: Nanos;
  /** Present when the usage reports reasoning tokens. */
  readonly reasoning?: Nanos;
  /** Present when the usage reports the subset and the price has its own rate for it. */
  readonly inputAudio?: Nanos;
  readonly cacheReadAudio?: Nanos;
  readonly outputAudio?: Nanos;
  readonly inputImage?: Nanos;
  readonly outputImage?: Nanos;
  readonly webSearch: Nanos;
  /** Present when the price has a per-request fee. */
  readonly request?: Nanos;
}

export type CostResult =
  | {
      readonly status: 'priced';
      readonly totalNanos: Nanos;
      readonly breakdown: CostBreakdown;
      readonly priceId: string;
      readonly batch: boolean;
      /** Classes priced through a documented fallback, e.g. "cacheRead billed as input". */
      readonly fallbacks: readonly string[];
    }
  | { readonly status: 'unpriced'; readonly reason: string; readonly priceId?: string };

export interface CalculateCostOptions {
  /** Priced through the provider's batch API. */
  batch?: boolean;
}

class Unpriced extends Error {}

/** Prices `usage` at `price`; an unknown model (no price) or a class without a price is `unpriced`, never 0. */
export function calculateCost(usage: Usage, price: ModelPrice | undefined, options: CalculateCostOptions = {}): CostResult {
  if (!price) return { status: 'unpriced', reason: 'the catalog has no price for this model' };
  try {
    return priceUsage(usage, price, options.batch === true);
  } catch (error) {
    if (error instanceof Unpriced) return { status: 'unpriced', reason: error.message, priceId: price.id };
    throw error;
  }
}

function priceUsage(usage: Usage, price: ModelPrice, batch: boolean): CostResult {
  const name = `${price.provider}:${price.model}`;
  for (const field of USAGE_FIELDS) {
    const value = usage[field];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new Unpriced(`usage.${field} is ${value}, not a non-negative integer`);
    }
  }
  if (batch && price.batchDiscount === undefined && price.batchRates === undefined) {
    throw new Unpriced(`${name} has no batch API price`);
  }
  const prompt = promptTokens(usage);
  const fallbacks: string[] = [];

  /** The rate for a token class at this prompt size, batch-adjusted. */
  const tokenRate = (rate: PriceRate, batchRate: PriceRate | undefined, label: string): Rate => {
    if (!batch) return rateForPrompt(rate, prompt);
    if (batchRate) return rateForPrompt(batchRate, prompt);
    if (price.batchDiscount !== undefined) return scaleRate(rateForPrompt(rate, prompt), price.batchDiscount);
    fallbacks.push(`${label}: no batch price, billed at the full price`);
    return rateForPrompt(rate, prompt);
  };
  const cost = (tokens: number, rate: PriceRate | undefined, label: string, batchRate?: PriceRate): Nanos => {
    if (tokens === 0) return 0n;
    if (!rate) throw new Unpriced(`${name} has no ${label} price (usage has ${tokens} ${label} tokens)`);
    return applyRate(tokens, tokenRate(rate, batchRate, label));
  };
  const subset = (parent: number, parts: number[], parentLabel: string): void => {
    const sum = parts.reduce((a, b) => a + b, 0);
    if (sum > parent) throw new Unpriced(`usage subsets (${sum}) exceed ${parentLabel} (${parent})`);
  };

  const breakdown: { -readonly [K in keyof CostBreakdown]: CostBreakdown[K] } = {
    input: 0n,
    cacheRead: 0n,
    cacheWrite5m: 0n,
    cacheWrite1h: 0n,
    output: 0n,
    webSearch: 0n,
  };

  // input: audio / image subsets leave the text count only when they have their own rate
  const input = usage.inputTokens ?? 0;
  subset(input, [usage.inputAudioTokens ?? 0, usage.inputImageTokens ?? 0], 'inputTokens');
  let textInput = input;
  if (usage.inputAudioTokens !== undefined && price.inputAudio) {
    breakdown.inputAudio = cost(usage.inputAudioTokens, price.inputAudio, 'input audio');
    textInput -= usage.inputAudioTokens;
  }
  if (usage.inputImageTokens !== undefined && price.inputImage) {
    breakdown.inputImage = cost(usage.inputImageTokens, price.inputImage, 'input image');
    textInput -= usage.inputImageTokens;
  }
  breakdown.input = cost(textInput, price.input, 'input', price.batchRates?.input);

  const cacheRead = usage.cacheReadTokens ?? 0;
  subset(cacheRead, [usage.cacheReadAudioTokens ?? 0], 'cacheReadTokens');
  let textCacheRead = cacheRead;
  if (usage.cacheReadAudioTokens !== undefined && price.cacheReadAudio) {
    breakdown.cacheReadAudio = cost(usage.cacheReadAudioTokens, price.cacheReadAudio, 'cached audio');
    textCacheRead -= usage.cacheReadAudioTokens;
  }
  if (textCacheRead > 0 && !price.cacheRead && price.input) fallbacks.push('cacheRead: no cache-read price, billed as input');
  breakdown.cacheRead = cost(textCacheRead, price.cacheRead ?? price.input, 'cache read');

  const write5m = usage.cacheWrite5mTokens ?? 0;
  if (write5m > 0 && !price.cacheWrite5m && price.input) fallbacks.push('cacheWrite5m: no cache-write price, billed as input');
  breakdown.cacheWrite5m = cost(write5m, price.cacheWrite5m ?? price.input, 'cache write');
  breakdown.cacheWrite1h = cost(usage.cacheWrite1hTokens ?? 0, price.cacheWrite1h, '1-hour cache write');

  // output: reasoning is always shown on its own line; audio / image only with their own rate
  const output = usage.outputTokens ?? 0;
  subset(output, [usage.reasoningTokens ?? 0, usage.outputAudioTokens ?? 0, usage.outputImageTokens ?? 0], 'outputTokens');
  let textOutput = output;
  if (usage.reasoningTokens !== undefined) {
    const reasoningRate = price.reasoning ?? price.output;
    breakdown.reasoning = cost(usage.reasoningTokens, reasoningRate, 'reasoning', price.reasoning ? undefined : price.batchRates?.output);
    textOutput -= usage.reasoningTokens;
  }
  if (usage.outputAudioTokens !== undefined && price.outputAudio) {
    breakdown.outputAudio = cost(usage.outputAudioTokens, price.outputAudio, 'output audio');
    textOutput -= usage.outputAudioTokens;
  }
  if (usage.outputImageTokens !== undefined && price.outputImage) {
    breakdown.outputImage = cost(usage.outputImageTokens, price.outputImage, 'output image');
    textOutput -= usage.outputImageTokens;
  }
  breakdown.output = cost(textOutput, price.output, 'output', price.batchRates?.output);

  // per-unit fees are not token classes: no tiers, no batch discount
  const searches = usage.webSearches ?? 0;
  if (searches > 0) {
    if (!price.webSearch) throw new Unpriced(`${name} has no web-search price (usage has ${searches} searches)`);
    breakdown.webSearch = applyRate(searches, price.webSearch);
  }
  if (price.request) breakdown.request = applyRate(1, price.request);

  let totalNanos = 0n;
  for (const amount of Object.values(breakdown)) totalNanos += amount;
  return { status: 'priced', totalNanos, breakdown, priceId: price.id, batch, fallbacks };
}
