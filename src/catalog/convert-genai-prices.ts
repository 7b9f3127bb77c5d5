/**
 * Converts one genai-prices price dict (USD numbers per 1M tokens `*_mtok`, per 1,000 `*_kcount`)
 * into exact rates. Numbers are read through their shortest decimal form (parseRate), so 0.135
 * stays exactly 0.135.
 *
 * Keys dropped because `Usage` has no class for them (a usage field would have to come first):
 * audio_hours / input_audio_hours (transcription by duration), input_document_kpages /
 * input_annotated_document_kpages (OCR pages), storage_searches_kcount (file-search calls),
 * input_video_mtok / output_video_mtok, cache_image_read_mtok, output_citation_mtok,
 * input_text_messages_kcount (xAI voice).
 */
import type { ModelPrice as GenaiModelPrice } from '@pydantic/genai-prices';
import { parseRate, type Rate } from '../core/money/index.ts';
import type { ModelPrice, PriceRate } from '../core/pricing/index.ts';

type RateFields = Pick<
  ModelPrice,
  | 'input'
  | 'cacheRead'
  | 'cacheWrite5m'
  | 'cacheWrite1h'
  | 'output'
  | 'reasoning'
  | 'inputAudio'
  | 'cacheReadAudio'
  | 'outputAudio'
  | 'inputImage'
  | 'outputImage'
  | 'webSearch'
  | 'request'
>;

const TOKEN_KEYS = {
  input_mtok: 'input',
  cache_read_mtok: 'cacheRead',
  cache_write_mtok: 'cacheWrite5m',
  cache_write_1h_mtok: 'cacheWrite1h',
  output_mtok: 'output',
  output_reasoning_mtok: 'reasoning',
  input_audio_mtok: 'inputAudio',
  cache_audio_read_mtok: 'cacheReadAudio',
  output_audio_mtok: 'outputAudio',
  input_image_mtok: 'inputImage',
  output_image_mtok: 'outputImage',
} as const satisfies Record<string, keyof RateFields>;

const COUNT_KEYS = {
  web_searches_kcount: 'webSearch',
  requests_kcount: 'request',
} as const satisfies Record<string, keyof RateFields>;

/** The rate fields of one genai-prices price dict; `where` names the entry in error messages. */
export function convertGenaiPrices(prices: GenaiModelPrice, where: string): RateFields {
  const fields: { -readonly [K in keyof RateFields]: RateFields[K] } = {};
  for (const [key, value] of Object.entries(prices)) {
    if (value === undefined) continue;
    if (key in TOKEN_KEYS) fields[TOKEN_KEYS[key as keyof typeof TOKEN_KEYS]] = tokenRate(value, `${where} ${key}`);
    else if (key in COUNT_KEYS) {
      if (typeof value !== 'number') throw new RangeError(`${where} ${key}: a per-count price cannot be tiered`);
      fields[COUNT_KEYS[key as keyof typeof COUNT_KEYS]] = parseRate(value, 1_000);
    }
  }
  return fields;
}

function tokenRate(value: unknown, where: string): PriceRate {
  if (typeof value === 'number') return perMillion(value);
  if (typeof value === 'object' && value !== null && 'base' in value && 'tiers' in value && Array.isArray(value.tiers)) {
    const tiers = value.tiers.map((tier: { start: number; price: number }) => ({
      startTokens: tier.start,
      rate: perMillion(tier.price),
    }));
    tiers.sort((a, b) => a.startTokens - b.startTokens);
    return { base: perMillion(value.base as number), tiers };
  }
  throw new RangeError(`${where}: unexpected price ${JSON.stringify(value)}`);
}

function perMillion(usd: number): Rate {
  return parseRate(usd, 1_000_000);
}
