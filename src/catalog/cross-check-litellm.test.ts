/**
 * Cross-checks our catalog against an independent second source: LiteLLM's public price file,
 * a read-only copy taken 2026-07-24 (../shared/fixtures, never copied into the repo). Prices are
 * compared exactly, as rates, at that snapshot date, for popular models of every major provider.
 * Any disagreement fails the test unless KNOWN_DIFFERENCES lists it with its reason; a listed
 * difference that no longer exists fails too, so the table stays true.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatRate, parseRate, sameRate, scaleRate, type Rate } from '../core/money/index.ts';
import { priceAt, rateForPrompt, type ModelPrice, type PriceRate } from '../core/pricing/index.ts';
import { loadCatalog } from './load-catalog.ts';

type LiteLlmEntry = Record<string, unknown>;

const FIXTURE = new URL('../../../shared/fixtures/litellm-model-prices.json', import.meta.url);
const SNAPSHOT = new Date('2026-07-24T12:00:00Z');

/** [provider, the name a client sends, LiteLLM's key]. */
const PAIRS: readonly (readonly [string, string, string])[] = [
  ['openai', 'gpt-4o', 'gpt-4o'],
  ['openai', 'gpt-4o-2024-05-13', 'gpt-4o-2024-05-13'],
  ['openai', 'gpt-4o-2024-08-06', 'gpt-4o-2024-08-06'],
  ['openai', 'gpt-4o-2024-11-20', 'gpt-4o-2024-11-20'],
  ['openai', 'gpt-4o-mini', 'gpt-4o-mini'],
  ['openai', 'gpt-4.1', 'gpt-4.1'],
  ['openai', 'gpt-4.1-mini', 'gpt-4.1-mini'],
  ['openai', 'gpt-4.1-nano', 'gpt-4.1-nano'],
  ['openai', 'gpt-5', 'gpt-5'],
  ['openai', 'gpt-5-mini', 'gpt-5-mini'],
  ['openai', 'gpt-5-nano', 'gpt-5-nano'],
  ['openai', 'gpt-5-pro', 'gpt-5-pro'],
  ['openai', 'gpt-5.1', 'gpt-5.1'],
  ['openai', 'gpt-5.2', 'gpt-5.2'],
  ['openai', 'gpt-5.4', 'gpt-5.4'],
  ['openai', 'gpt-5.4-mini', 'gpt-5.4-mini'],
  ['openai', 'gpt-5.4-nano', 'gpt-5.4-nano'],
  ['openai', 'gpt-5.5', 'gpt-5.5'],
  ['openai', 'o1', 'o1'],
  ['openai', 'o1-pro', 'o1-pro'],
  ['openai', 'o3', 'o3'],
  ['openai', 'o3-mini', 'o3-mini'],
  ['openai', 'o3-pro', 'o3-pro'],
  ['openai', 'o4-mini', 'o4-mini'],
  ['openai', 'o3-deep-research', 'o3-deep-research'],
  ['openai', 'gpt-4-turbo', 'gpt-4-turbo'],
  ['openai', 'gpt-3.5-turbo', 'gpt-3.5-turbo'],
  ['openai', 'gpt-4', 'gpt-4'],
  ['openai', 'chatgpt-4o-latest', 'chatgpt-4o-latest'],
  ['openai', 'gpt-realtime', 'gpt-realtime'],
  ['openai', 'text-embedding-3-small', 'text-embedding-3-small'],
  ['openai', 'text-embedding-3-large', 'text-embedding-3-large'],
  ['openai', 'text-embedding-ada-002', 'text-embedding-ada-002'],
  ['anthropic', 'claude-3-haiku-20240307', 'claude-3-haiku-20240307'],
  ['anthropic', 'claude-3-opus-20240229', 'claude-3-opus-20240229'],
  ['anthropic', 'claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-20250219'],
  ['anthropic', 'claude-sonnet-4-20250514', 'claude-sonnet-4-20250514'],
  ['anthropic', 'claude-opus-4-20250514', 'claude-opus-4-20250514'],
  ['anthropic', 'claude-opus-4-1-20250805', 'claude-opus-4-1-20250805'],
  ['anthropic', 'claude-sonnet-4-5-20250929', 'claude-sonnet-4-5-20250929'],
  ['anthropic', 'claude-haiku-4-5-20251001', 'claude-haiku-4-5-20251001'],
  ['anthropic', 'claude-opus-4-5-20251101', 'claude-opus-4-5-20251101'],
  ['anthropic', 'claude-opus-4-6', 'claude-opus-4-6'],
  ['anthropic', 'claude-sonnet-4-6', 'claude-sonnet-4-6'],
  ['anthropic', 'claude-opus-4-7', 'claude-opus-4-7'],
  ['google', 'gemini-2.5-pro', 'gemini/gemini-2.5-pro'],
  ['google', 'gemini-2.5-flash', 'gemini/gemini-2.5-flash'],
  ['google', 'gemini-2.5-flash-lite', 'gemini/gemini-2.5-flash-lite'],
  ['google', 'gemini-2.0-flash', 'gemini/gemini-2.0-flash'],
  ['google', 'gemini-2.0-flash-lite', 'gemini/gemini-2.0-flash-lite'],
  ['google', 'gemini-3-pro-preview', 'gemini/gemini-3-pro-preview'],
  ['google', 'gemini-3-flash-preview', 'gemini/gemini-3-flash-preview'],
  ['google', 'gemini-3.1-pro-preview', 'gemini/gemini-3.1-pro-preview'],
  ['google', 'gemini-3.5-flash', 'gemini/gemini-3.5-flash'],
  ['google', 'gemini-embedding-001', 'gemini/gemini-embedding-001'],
  ['deepseek', 'deepseek-chat', 'deepseek/deepseek-chat'],
  ['deepseek', 'deepseek-reasoner', 'deepseek/deepseek-reasoner'],
  ['deepseek', 'deepseek-v4-flash', 'deepseek/deepseek-v4-flash'],
  ['deepseek', 'deepseek-v4-pro', 'deepseek/deepseek-v4-pro'],
  ['mistral', 'mistral-large-latest', 'mistral/mistral-large-latest'],
  ['mistral', 'mistral-large-2512', 'mistral/mistral-large-2512'],
  ['mistral', 'mistral-medium-latest', 'mistral/mistral-medium-latest'],
  ['mistral', 'mistral-medium-2505', 'mistral/mistral-medium-2505'],
  ['mistral', 'mistral-small-latest', 'mistral/mistral-small-latest'],
  ['mistral', 'codestral-latest', 'mistral/codestral-latest'],
  ['mistral', 'open-mistral-nemo', 'mistral/open-mistral-nemo'],
  ['mistral', 'ministral-8b-latest', 'mistral/ministral-8b-latest'],
  ['mistral', 'pixtral-large-latest', 'mistral/pixtral-large-latest'],
  ['mistral', 'magistral-medium-latest', 'mistral/magistral-medium-latest'],
  ['mistral', 'devstral-2512', 'mistral/devstral-2512'],
  ['mistral', 'mistral-embed', 'mistral/mistral-embed'],
  ['x-ai', 'grok-3', 'xai/grok-3'],
  ['x-ai', 'grok-3-mini', 'xai/grok-3-mini'],
  ['x-ai', 'grok-4', 'xai/grok-4'],
  ['x-ai', 'grok-4-0709', 'xai/grok-4-0709'],
  ['x-ai', 'grok-4-fast-reasoning', 'xai/grok-4-fast-reasoning'],
  ['x-ai', 'grok-4-1-fast-reasoning', 'xai/grok-4-1-fast-reasoning'],
  ['x-ai', 'grok-code-fast-1', 'xai/grok-code-fast-1'],
  ['x-ai', 'grok-4.3', 'xai/grok-4.3'],
  ['groq', 'llama-3.3-70b-versatile', 'groq/llama-3.3-70b-versatile'],
  ['groq', 'llama-3.1-8b-instant', 'groq/llama-3.1-8b-instant'],
  ['groq', 'openai/gpt-oss-120b', 'groq/openai/gpt-oss-120b'],
  ['groq', 'openai/gpt-oss-20b', 'groq/openai/gpt-oss-20b'],
  ['groq', 'qwen/qwen3-32b', 'groq/qwen/qwen3-32b'],
  ['groq', 'meta-llama/llama-4-scout-17b-16e-instruct', 'groq/meta-llama/llama-4-scout-17b-16e-instruct'],
  ['together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo', 'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo'],
  ['together', 'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8', 'together_ai/meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8'],
  ['cohere', 'command-r', 'command-r'],
  ['cohere', 'command-r-plus', 'command-r-plus'],
  ['cohere', 'command-a-03-2025', 'command-a-03-2025'],
  ['moonshotai', 'kimi-k2.5', 'moonshot/kimi-k2.5'],
  ['moonshotai', 'moonshot-v1-8k', 'moonshot/moonshot-v1-8k'],
  ['perplexity', 'sonar', 'perplexity/sonar'],
  ['perplexity', 'sonar-pro', 'perplexity/sonar-pro'],
  ['cerebras', 'gpt-oss-120b', 'cerebras/gpt-oss-120b'],
  ['cerebras', 'llama-3.3-70b', 'cerebras/llama-3.3-70b'],
  ['fireworks', 'accounts/fireworks/models/deepseek-v3p2', 'fireworks_ai/accounts/fireworks/models/deepseek-v3p2'],
];

/** Each compared price: LiteLLM's key (USD per token) and ours, at the snapshot. */
const FIELDS: Record<string, { readonly litellm: string; readonly ours: (price: ModelPrice) => Rate | undefined }> = {
  input: { litellm: 'input_cost_per_token', ours: (price) => base(price.input) },
  output: { litellm: 'output_cost_per_token', ours: (price) => base(price.output) },
  cacheRead: { litellm: 'cache_read_input_token_cost', ours: (price) => base(price.cacheRead) },
  cacheWrite5m: { litellm: 'cache_creation_input_token_cost', ours: (price) => base(price.cacheWrite5m) },
  cacheWrite1h: { litellm: 'cache_creation_input_token_cost_above_1hr', ours: (price) => base(price.cacheWrite1h) },
  inputAbove200k: { litellm: 'input_cost_per_token_above_200k_tokens', ours: (price) => above200k(price.input) },
  outputAbove200k: { litellm: 'output_cost_per_token_above_200k_tokens', ours: (price) => above200k(price.output) },
  batchInput: { litellm: 'input_cost_per_token_batches', ours: (price) => batch(price, 'input') },
  batchOutput: { litellm: 'output_cost_per_token_batches', ours: (price) => batch(price, 'output') },
};

const base = (rate: PriceRate | undefined): Rate | undefined => rate && rateForPrompt(rate, 0);
const above200k = (rate: PriceRate | undefined): Rate | undefined => rate && rateForPrompt(rate, 200_001);

function batch(price: ModelPrice, side: 'input' | 'output'): Rate | undefined {
  const explicit = price.batchRates?.[side];
  if (explicit) return base(explicit);
  const full = base(price[side]);
  return full && price.batchDiscount !== undefined ? scaleRate(full, price.batchDiscount) : undefined;
}

/**
 * Disagreements we know of, `"<LiteLLM key> <field>"` → why. Which side is right was judged from
 * the provider's pricing page where we could; "unverified" means we could not tell offline.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  // Anthropic: a 1-hour cache write is 2x base input (docs.anthropic.com prompt-caching#pricing):
  // $0.50 for Haiku 3, $30 for Opus 3. LiteLLM's $6 is Sonnet's value copied onto these entries.
  'claude-3-haiku-20240307 cacheWrite1h': 'LiteLLM copies Sonnet\'s $6; 2x input = $0.50 (ours, from genai-prices)',
  'claude-3-opus-20240229 cacheWrite1h': 'LiteLLM copies Sonnet\'s $6; 2x input = $30 (ours, from genai-prices)',
  // Google's pricing page lists no context caching for Gemini 2.0 Flash-Lite; reported cached
  // tokens would be billed as input (calculateCost's documented fallback).
  'gemini/gemini-2.0-flash-lite cacheRead': 'no caching price on the Gemini API page; LiteLLM assumes 25% of input',
  // genai-prices 0.1.8 still has the V3 / R1 prices with the 00:30-16:30 UTC standard window for
  // these aliases; DeepSeek ended off-peak pricing on 2025-09-05 and, with V3.2 (2025-09-29),
  // bills both aliases $0.28 in / $0.028 cached / $0.42 out — LiteLLM's numbers. Not patched in the
  // overlay (it only fills gaps, and the effective instants are unverified offline): lead decision.
  'deepseek/deepseek-chat input': 'genai-prices stale (V3 peak price); LiteLLM has the V3.2 price',
  'deepseek/deepseek-chat cacheRead': 'genai-prices stale (V3 peak price); LiteLLM has the V3.2 price',
  'deepseek/deepseek-chat output': 'genai-prices stale (V3 peak price); LiteLLM has the V3.2 price',
  'deepseek/deepseek-reasoner input': 'genai-prices stale (R1 peak price); LiteLLM has the V3.2 price',
  'deepseek/deepseek-reasoner cacheRead': 'genai-prices stale (R1 peak price); LiteLLM has the V3.2 price',
  'deepseek/deepseek-reasoner output': 'genai-prices stale (R1 peak price); LiteLLM has the V3.2 price',
  // Mistral moves its -latest aliases to new models; the sources disagree on where they point.
  'mistral/mistral-large-latest input': 'alias drift: genai-prices keeps Large 2 ($2/$6), LiteLLM has Large 3 (= our mistral-large-2512, $0.5/$1.5); unverified',
  'mistral/mistral-large-latest output': 'alias drift: genai-prices keeps Large 2 ($2/$6), LiteLLM has Large 3 (= our mistral-large-2512, $0.5/$1.5); unverified',
  'mistral/mistral-small-latest input': 'alias drift: genai-prices $0.1/$0.3 (Small 3.x list price), LiteLLM $0.06/$0.18; unverified',
  'mistral/mistral-small-latest output': 'alias drift: genai-prices $0.1/$0.3 (Small 3.x list price), LiteLLM $0.06/$0.18; unverified',
  'mistral/codestral-latest input': 'LiteLLM has the 2024 Codestral 22B price ($1/$3); Codestral 25.01+ is $0.3/$0.9 (ours)',
  'mistral/codestral-latest output': 'LiteLLM has the 2024 Codestral 22B price ($1/$3); Codestral 25.01+ is $0.3/$0.9 (ours)',
  'mistral/open-mistral-nemo input': 'LiteLLM has the July 2024 launch price ($0.3); Mistral cut NeMo to $0.15 in Sept 2024 (ours)',
  'mistral/open-mistral-nemo output': 'LiteLLM has the July 2024 launch price ($0.3); Mistral cut NeMo to $0.15 in Sept 2024 (ours)',
};

test('the cross-check covers at least 50 popular models, all known to both sources', () => {
  const litellm = readFixture();
  assert.ok(PAIRS.length >= 50, `${PAIRS.length} pairs`);
  for (const [provider, name, key] of PAIRS) {
    assert.ok(litellm[key], `LiteLLM has no "${key}"`);
    assert.ok(priceAt(loadCatalog(), name, SNAPSHOT, { provider }), `our catalog has no ${provider}:${name}`);
  }
});

test('our prices agree with LiteLLM except for the listed, explained differences', () => {
  const litellm = readFixture();
  const catalog = loadCatalog();
  const unexplained: string[] = [];
  const seen = new Set<string>();
  for (const [provider, name, key] of PAIRS) {
    const price = priceAt(catalog, name, SNAPSHOT, { provider })!;
    for (const [field, { litellm: litellmKey, ours: read }] of Object.entries(FIELDS)) {
      const theirsValue = litellm[key]![litellmKey];
      if (typeof theirsValue !== 'number') continue;
      const theirs = parseRate(theirsValue, 1);
      const ours = read(price);
      // LiteLLM writes 0 for a class a model does not bill (embedding output); ours leaves it out
      const agree = ours ? sameRate(ours, theirs) : theirs.scaled === 0n;
      if (agree) continue;
      const id = `${key} ${field}`;
      seen.add(id);
      if (!(id in KNOWN_DIFFERENCES)) {
        unexplained.push(`${id}: ours ${ours ? `$${formatRate(ours)}/1M` : 'none'} (${price.id}), LiteLLM $${formatRate(scaleRate(theirs, '1000000'))}/1M`);
      }
    }
  }
  const stale = Object.keys(KNOWN_DIFFERENCES).filter((id) => !seen.has(id));
  assert.deepEqual(unexplained, [], 'unexplained differences: check the provider page, then fix the overlay or list them with a reason');
  assert.deepEqual(stale, [], 'listed differences that no longer differ: remove them');
});

function readFixture(): Record<string, LiteLlmEntry> {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, LiteLlmEntry>;
}
