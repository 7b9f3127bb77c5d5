/**
 * Truncation and chunking work on token ids, so they need a real encoding. For OpenAI models that
 * is the model's own; for others it is o200k_base with the budget divided by the family factor,
 * so that the estimated provider count of every piece stays within the caller's budget.
 */
import { type Encoder, getEncoder } from './encoders.ts';
import { resolveTokenizer } from './resolve-tokenizer.ts';
import type { FactorTable } from './token-factors.ts';

export interface BudgetModelOptions {
  /** Model whose tokens the budget is in; o200k_base when absent. */
  readonly model?: string;
  readonly provider?: string;
  readonly factors?: FactorTable;
}

export interface BudgetTokenizer {
  readonly encoder: Encoder;
  /** Provider tokens per encoder token: 1 for OpenAI models. */
  readonly factor: number;
  /** The largest encoder-token count whose provider-token count stays within `maxTokens`. */
  budget(maxTokens: number): number;
  /** Provider tokens of `encoderTokens` encoder tokens. */
  scale(encoderTokens: number): number;
}

/** The encoder and budget conversion for a model (see file comment). */
export function budgetTokenizer(options: BudgetModelOptions): BudgetTokenizer {
  const tokenizer = options.model === undefined ? undefined : resolveTokenizer({ ...options, model: options.model });
  const encoder = tokenizer?.encoder ?? getEncoder('o200k_base');
  const factor = tokenizer?.kind === 'estimate' ? tokenizer.factor.factor : 1;
  return {
    encoder,
    factor,
    budget: (maxTokens) => Math.floor(maxTokens / factor),
    scale: (encoderTokens) => (factor === 1 ? encoderTokens : Math.round(encoderTokens * factor)),
  };
}

/** The longest prefix of `text` made of at most `n` leading `tokens` that decodes cleanly (never splits a character). */
export function prefixText(encoder: Encoder, text: string, tokens: readonly number[], n: number): string {
  for (let k = Math.min(n, tokens.length); k > 0; k--) {
    const decoded = encoder.decode(tokens.slice(0, k));
    if (text.startsWith(decoded)) return decoded;
  }
  return '';
}

/** The longest suffix of `text` made of at most `n` trailing `tokens` that decodes cleanly. */
export function suffixText(encoder: Encoder, text: string, tokens: readonly number[], n: number): string {
  for (let k = Math.min(n, tokens.length); k > 0; k--) {
    const decoded = encoder.decode(tokens.slice(tokens.length - k));
    if (text.endsWith(decoded)) return decoded;
  }
  return '';
}
