/**
 * Ratio estimates for models whose tokenizer we do not have: count with o200k_base, multiply by a
 * per-family factor. The defaults are priors from public comparisons, not measurements of ours;
 * `learnFactor` turns ledger samples (our base count vs the provider's reported count) into a
 * measured entry for the same table, per family or per model.
 */
export interface TokenFactor {
  /** Provider tokens per o200k_base token. */
  readonly factor: number;
  /** Typical relative error of the estimate, in percent (±). */
  readonly expectedErrorPct: number;
  /** Where the number comes from, shown to users next to the estimate. */
  readonly basis: string;
  /** How many ledger samples a learned factor rests on; absent for priors. */
  readonly sampleCount?: number;
}

/** Keys are a family ("anthropic") or a family and model prefix ("anthropic/claude-opus-4"); "default" is the fallback. */
export type FactorTable = Readonly<Record<string, TokenFactor>>;

const PRIOR = 'prior from public tokenizer comparisons, not yet measured on our ledger';

export const DEFAULT_TOKEN_FACTORS: FactorTable = {
  anthropic: {
    factor: 1.2,
    expectedErrorPct: 12,
    basis: `Claude 3–4 tokenizer ≈ +16% (English prose) to +30% (code) over GPT-4o's o200k_base; ${PRIOR}`,
  },
  google: { factor: 1.05, expectedErrorPct: 12, basis: `Gemini SentencePiece (256k vocabulary), near parity on English; ${PRIOR}` },
  deepseek: { factor: 1.05, expectedErrorPct: 10, basis: `DeepSeek-V3 BPE (128k vocabulary), close to cl100k on English; ${PRIOR}` },
  mistral: {
    factor: 1.1,
    expectedErrorPct: 15,
    basis: `Tekken (131k vocabulary) near parity; older 32k-vocabulary models run 20–30% higher; ${PRIOR}`,
  },
  'x-ai': { factor: 1.05, expectedErrorPct: 15, basis: `Grok tokenizer (131k vocabulary); ${PRIOR}` },
  meta: { factor: 1.03, expectedErrorPct: 8, basis: `Llama 3+ BPE (cl100k plus 28k tokens), close to cl100k on English; ${PRIOR}` },
  qwen: { factor: 1.05, expectedErrorPct: 10, basis: `Qwen BPE (151k vocabulary); ${PRIOR}` },
  cohere: { factor: 1.1, expectedErrorPct: 15, basis: `Command tokenizer (255k vocabulary); ${PRIOR}` },
  default: { factor: 1.1, expectedErrorPct: 20, basis: `unknown tokenizer: o200k_base plus a 10% margin; ${PRIOR}` },
};

/** Model-name markers of each family, so hosts such as Groq or Together resolve to the model's maker. */
const FAMILY_BY_MODEL: readonly (readonly [RegExp, string])[] = [
  [/claude/, 'anthropic'],
  [/gemini|gemma|palm|bison/, 'google'],
  [/deepseek/, 'deepseek'],
  [/mistral|mixtral|codestral|ministral|magistral|devstral|pixtral|voxtral/, 'mistral'],
  [/grok/, 'x-ai'],
  [/llama/, 'meta'],
  [/qwen|qwq/, 'qwen'],
  [/command|c4ai|aya-/, 'cohere'],
];

const FAMILY_BY_PROVIDER: Readonly<Record<string, string>> = {
  anthropic: 'anthropic',
  google: 'google',
  gemini: 'google',
  vertex: 'google',
  vertex_ai: 'google',
  deepseek: 'deepseek',
  mistral: 'mistral',
  'x-ai': 'x-ai',
  xai: 'x-ai',
  meta: 'meta',
  'meta-llama': 'meta',
  qwen: 'qwen',
  alibaba: 'qwen',
  cohere: 'cohere',
};

/** The tokenizer family of a non-OpenAI model: by its name first, then by the provider's id, else "default". */
export function modelFamily(model: string, provider?: string): string {
  const name = model.toLowerCase();
  for (const [pattern, family] of FAMILY_BY_MODEL) if (pattern.test(name)) return family;
  return (provider && FAMILY_BY_PROVIDER[provider.toLowerCase()]) || 'default';
}

/** The most specific factor for a model: "family/model-prefix" (longest prefix), then "family", then "default". */
export function lookupFactor(table: FactorTable, family: string, baseModel: string): TokenFactor {
  let best: TokenFactor | undefined;
  let bestLength = -1;
  const familyPrefix = `${family}/`;
  for (const key in table) {
    if (!key.startsWith(familyPrefix)) continue;
    const modelPrefix = key.slice(familyPrefix.length);
    if (baseModel.startsWith(modelPrefix) && modelPrefix.length > bestLength) {
      best = table[key];
      bestLength = modelPrefix.length;
    }
  }
  return best ?? table[family] ?? table.default ?? DEFAULT_TOKEN_FACTORS.default!;
}
