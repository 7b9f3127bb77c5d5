/**
 * Cuts a text to a token budget. Cutting a token sequence and decoding it can split a character
 * or re-tokenize differently at the cut, so every candidate is decoded to a true prefix/suffix of
 * the input and re-counted, shrinking until it really fits.
 */
import { type BudgetModelOptions, budgetTokenizer, prefixText, suffixText } from './budget-tokenizer.ts';

export type TruncateKeep = 'head' | 'tail' | 'middle';

export interface TruncateOptions extends BudgetModelOptions {
  /** Which part to keep: the start (default), the end, or both ends around `marker`. */
  readonly keep?: TruncateKeep;
  /** Put between head and tail by `keep: 'middle'`; its tokens count against the budget. */
  readonly marker?: string;
}

export const DEFAULT_TRUNCATION_MARKER = '\n…\n';

/** `text` cut to at most `maxTokens` tokens of the model (o200k_base when no model), unchanged if it fits. */
export function truncateToBudget(text: string, maxTokens: number, options: TruncateOptions = {}): string {
  const tokenizer = budgetTokenizer(options);
  const { encoder } = tokenizer;
  const budget = tokenizer.budget(maxTokens);
  if (budget <= 0 || text.length === 0) return '';
  const tokens = encoder.encode(text);
  if (tokens.length <= budget) return text;
  const fits = (candidate: string) => encoder.count(candidate) <= budget;

  const keep = options.keep ?? 'head';
  const marker = options.marker ?? DEFAULT_TRUNCATION_MARKER;
  const markerTokens = encoder.count(marker);
  if (keep === 'head' || (keep === 'middle' && markerTokens >= budget)) {
    for (let n = budget; n > 0; n--) {
      const head = prefixText(encoder, text, tokens, n);
      if (fits(head)) return head;
    }
    return '';
  }
  if (keep === 'tail') {
    for (let n = budget; n > 0; n--) {
      const tail = suffixText(encoder, text, tokens, n);
      if (fits(tail)) return tail;
    }
    return '';
  }
  // middle: split what the marker leaves, then shrink the larger side until the joined text fits.
  let headTokens = Math.ceil((budget - markerTokens) / 2);
  let tailTokens = budget - markerTokens - headTokens;
  while (headTokens + tailTokens > 0) {
    const joined = prefixText(encoder, text, tokens, headTokens) + marker + suffixText(encoder, text, tokens, tailTokens);
    if (fits(joined)) return joined;
    if (headTokens >= tailTokens) headTokens--;
    else tailTokens--;
  }
  return fits(marker) ? marker : '';
}
