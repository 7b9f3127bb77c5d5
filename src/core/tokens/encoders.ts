/**
 * The BPE encodings OpenAI models use, wrapped behind a three-method `Encoder`.
 *
 * An encoder and its rank table are loaded the first time it is asked for: the four tables are
 * ~57 MB of a process's memory once parsed, building an encoder costs ~50 ms and ~10–25 MB more,
 * and most processes need one encoding or none (a gateway counts tokens only to estimate a usage
 * the provider did not report, or a budget's worst case). The tables are plain data, read through
 * the package's CommonJS build so that loading one stays synchronous. The memo below is a cache of
 * a pure result, not state that changes behaviour.
 */
import { createRequire } from 'node:module';
import { decoder as sharedUtf8Decoder } from 'gpt-tokenizer/BytePairEncodingCore';
import { GptEncoding } from 'gpt-tokenizer/GptEncoding';

type RankTable = (string | number[])[];
const requireData = createRequire(import.meta.url);
/** The rank table of one of the package's BPE files (a module of plain data). */
const ranks = (file: 'cl100k_base' | 'o200k_base' | 'p50k_base' | 'r50k_base') => (): RankTable =>
  (requireData(`gpt-tokenizer/bpeRanks/${file}`) as { default: RankTable }).default;

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

const RANKS: Record<EncodingName, () => RankTable> = {
  o200k_base: ranks('o200k_base'),
  o200k_harmony: ranks('o200k_base'),
  cl100k_base: ranks('cl100k_base'),
  p50k_base: ranks('p50k_base'),
  p50k_edit: ranks('p50k_base'),
  r50k_base: ranks('r50k_base'),
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
