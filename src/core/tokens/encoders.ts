/**
 * The BPE encodings OpenAI models use, wrapped behind a three-method `Encoder`.
 *
 * Rank tables load with the module (they are plain data), but an encoder is only built the first
 * time it is asked for: building one costs ~50 ms and ~10–25 MB, and most processes only ever
 * need o200k_base. The memo below is a cache of a pure result, not state that changes behaviour.
 */
import { decoder as sharedUtf8Decoder } from 'gpt-tokenizer/BytePairEncodingCore';
import { GptEncoding } from 'gpt-tokenizer/GptEncoding';
import cl100kRanks from 'gpt-tokenizer/bpeRanks/cl100k_base';
import o200kRanks from 'gpt-tokenizer/bpeRanks/o200k_base';
import p50kRanks from 'gpt-tokenizer/bpeRanks/p50k_base';
import r50kRanks from 'gpt-tokenizer/bpeRanks/r50k_base';

export const ENCODING_NAMES = ['o200k_base', 'o200k_harmony', 'cl100k_base', 'p50k_base', 'p50k_edit', 'r50k_base'] as const;

export type EncodingName = (typeof ENCODING_NAMES)[number];

export interface Encoder {
  readonly name: EncodingName;
  /** Number of tokens in `text`; special-token strings such as "<|endoftext|>" count as plain text. */
  count(text: string): number;
  encode(text: string): number[];
  /** Text of `tokens`; a character cut at either end becomes U+FFFD, as in tiktoken. */
  decode(tokens: readonly number[]): string;
}

const RANKS: Record<EncodingName, () => (string | number[])[]> = {
  o200k_base: () => o200kRanks,
  o200k_harmony: () => o200kRanks,
  cl100k_base: () => cl100kRanks,
  p50k_base: () => p50kRanks,
  p50k_edit: () => p50kRanks,
  r50k_base: () => r50kRanks,
};

// The API treats special-token look-alikes inside message text as ordinary text, so we do too.
// An empty disallow-set also skips the library's whole-text special-token regex scan.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

const built = new Map<EncodingName, Encoder>();

/** The encoder for an encoding name, built on first use and reused after. */
export function getEncoder(name: EncodingName): Encoder {
  let encoder = built.get(name);
  if (encoder === undefined) {
    encoder = wrap(name, GptEncoding.getEncodingApi(name, RANKS[name]));
    built.set(name, encoder);
  }
  return encoder;
}

function wrap(name: EncodingName, encoding: GptEncoding): Encoder {
  return {
    name,
    count: (text) => (text.length === 0 ? 0 : encoding.countTokens(text, PLAIN_TEXT)),
    encode: (text) => encoding.encode(text, PLAIN_TEXT),
    decode: (tokens) => decode(encoding, tokens),
  };
}

// gpt-tokenizer decodes through one module-wide streaming TextDecoder that it never flushes, so
// the bytes of a character cut at the end of one call leak into the start of the next. Flushing
// before and after makes every call stand alone.
function decode(encoding: GptEncoding, tokens: readonly number[]): string {
  sharedUtf8Decoder.decode();
  return encoding.decode(tokens) + sharedUtf8Decoder.decode();
}
