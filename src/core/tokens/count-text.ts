import { ratioEstimate, resolveTokenizer } from './resolve-tokenizer.ts';
import type { CountOptions, TokenCount } from './token-count.ts';

/** Tokens in a bare text (no chat overhead): exact for OpenAI models, a stated estimate for others. */
export function countText(text: string, options: CountOptions): TokenCount {
  const tokenizer = resolveTokenizer(options);
  const tokens = tokenizer.encoder.count(text);
  if (tokenizer.kind === 'openai') return { tokens, exact: true, method: 'tokenizer', encoding: tokenizer.encoder.name };
  return ratioEstimate(tokenizer, tokens);
}
