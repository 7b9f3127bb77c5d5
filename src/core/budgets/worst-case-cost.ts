/**
 * The most a request can cost before it is sent (SPEC §8): its counted input at the input price
 * plus its output cap at the output price. The cap is what makes the worst case finite.
 */
import type { Nanos } from '../money/index.ts';
import { calculateCost, type ModelPrice } from '../pricing/index.ts';

export interface OutputCapInput {
  /** The request's own cap (max_tokens, max_output_tokens, max_completion_tokens, maxOutputTokens). */
  readonly requested?: number | undefined;
  /** Config `reserve_output_tokens`: a default cap that trades strictness for admission. */
  readonly reserveOutputTokens?: number | undefined;
  readonly price: Pick<ModelPrice, 'maxOutputTokens' | 'contextWindow'> | undefined;
  readonly inputTokens: number;
}

/**
 * Output tokens to reserve: the request's cap, else the configured default, else the model's
 * maximum output, else what its context window leaves after the input. Never more than the model
 * can produce. Undefined when nothing bounds the output.
 */
export function outputCap(input: OutputCapInput): number | undefined {
  const modelMax = input.price?.maxOutputTokens ?? contextLeft(input.price?.contextWindow, input.inputTokens);
  const chosen = input.requested ?? input.reserveOutputTokens ?? modelMax;
  if (chosen === undefined) return undefined;
  return modelMax === undefined ? chosen : Math.min(chosen, modelMax);
}

function contextLeft(contextWindow: number | undefined, inputTokens: number): number | undefined {
  return contextWindow === undefined ? undefined : Math.max(0, contextWindow - inputTokens);
}

export type WorstCase =
  | { readonly status: 'priced'; readonly amount: Nanos; readonly inputTokens: number; readonly outputTokens: number; readonly priceId: string }
  | { readonly status: 'unpriced'; readonly reason: string }
  | { readonly status: 'unbounded'; readonly inputTokens: number };

/** Prices the worst case of `inputTokens` in and `cap` out at `price` (undefined: the model has no price). */
export function worstCaseCost(price: ModelPrice | undefined, inputTokens: number, cap: number | undefined): WorstCase {
  if (cap === undefined) return { status: 'unbounded', inputTokens };
  const cost = calculateCost({ inputTokens, outputTokens: cap }, price);
  if (cost.status !== 'priced') return { status: 'unpriced', reason: cost.reason };
  return { status: 'priced', amount: cost.totalNanos, inputTokens, outputTokens: cap, priceId: cost.priceId };
}
