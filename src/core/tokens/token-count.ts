import type { EncodingName } from './encoders.ts';
import type { FactorTable } from './token-factors.ts';

/**
 * - `tokenizer`: the model's own BPE encoding over the text.
 * - `chat-formula`: the model's encoding plus OpenAI's chat-format, tool and image rules.
 * - `ratio-estimate`: o200k_base count × a per-family factor (see `estimate`).
 */
export type CountMethod = 'tokenizer' | 'chat-formula' | 'ratio-estimate';

export interface RatioEstimate {
  /** Tokenizer family the factor belongs to ("anthropic", "google", …, "default"). */
  readonly family: string;
  /** The o200k_base count before the factor: the `estimated` side of a `learnFactor` sample. */
  readonly baseTokens: number;
  readonly factor: number;
  /** Where the factor comes from. */
  readonly basis: string;
}

/** A token count and how much to trust it. */
export interface TokenCount {
  readonly tokens: number;
  /** True when the count equals what the provider will report, by a documented or verified rule. */
  readonly exact: boolean;
  readonly method: CountMethod;
  /** The encoding the text was counted with. */
  readonly encoding: EncodingName;
  /** Typical relative error in percent (±) of an estimate; absent for exact counts. */
  readonly expectedErrorPct?: number;
  readonly estimate?: RatioEstimate;
  /** Of `tokens`, those that image parts cost (chat counts only). */
  readonly imageTokens?: number;
  /** Why a count is not exact, when a part of it rests on an assumption. */
  readonly notes?: readonly string[];
}

export interface CountOptions {
  /** Model id as sent upstream; "openai/…", dated snapshots and "ft:…" names are understood. */
  readonly model: string;
  /** Provider id ("anthropic", "google", "groq", …); only used to pick a factor for non-OpenAI models. */
  readonly provider?: string;
  /** Factor table for ratio estimates; defaults to DEFAULT_TOKEN_FACTORS. */
  readonly factors?: FactorTable;
}
