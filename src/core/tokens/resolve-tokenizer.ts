/**
 * Decides once per call how a model's tokens are counted: with its own OpenAI encoding, or
 * estimated as o200k_base × the factor of its tokenizer family.
 */
import { type Encoder, type EncodingName, getEncoder } from './encoders.ts';
import { encodingForModel } from './encoding-for-model.ts';
import { parseModelName } from './parse-model-name.ts';
import type { CountOptions, TokenCount } from './token-count.ts';
import { DEFAULT_TOKEN_FACTORS, lookupFactor, modelFamily, type TokenFactor } from './token-factors.ts';

export type Tokenizer =
  | { readonly kind: 'openai'; readonly encoder: Encoder }
  | { readonly kind: 'estimate'; readonly encoder: Encoder; readonly family: string; readonly factor: TokenFactor };

// One immutable value per encoding, so the hot path (OpenAI models) allocates nothing.
const openaiTokenizers = new Map<EncodingName, Tokenizer>();

/** How the tokens of `options.model` are counted. */
export function resolveTokenizer(options: CountOptions): Tokenizer {
  const encoding = encodingForModel(options.model);
  if (encoding !== undefined) {
    let tokenizer = openaiTokenizers.get(encoding);
    if (tokenizer === undefined) openaiTokenizers.set(encoding, (tokenizer = { kind: 'openai', encoder: getEncoder(encoding) }));
    return tokenizer;
  }
  const { base, prefix } = parseModelName(options.model);
  const family = modelFamily(options.model, options.provider ?? prefix);
  const factor = lookupFactor(options.factors ?? DEFAULT_TOKEN_FACTORS, family, base);
  return { kind: 'estimate', encoder: getEncoder('o200k_base'), family, factor };
}

/** A ratio estimate from an o200k_base count; `fixedTokens` (e.g. images) are added unscaled. */
export function ratioEstimate(
  tokenizer: Extract<Tokenizer, { kind: 'estimate' }>,
  baseTokens: number,
  fixedTokens = 0,
): Pick<TokenCount, 'tokens' | 'exact' | 'method' | 'encoding' | 'expectedErrorPct' | 'estimate'> {
  const { factor, expectedErrorPct, basis } = tokenizer.factor;
  return {
    tokens: Math.round(baseTokens * factor) + fixedTokens,
    exact: false,
    method: 'ratio-estimate',
    encoding: tokenizer.encoder.name,
    expectedErrorPct,
    estimate: { family: tokenizer.family, baseTokens, factor, basis },
  };
}
