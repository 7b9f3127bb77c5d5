/**
 * Providers genai-prices 0.1.8 lacks, written in its own price format (USD per 1M tokens) so one
 * converter reads both. Only prices read on the provider's own page are here.
 *
 * Volcengine Ark (the China site for ByteDance's Doubao / Seed models) bills in CNY, so its
 * prices cannot be exact USD without an exchange rate and are left out; BytePlus ModelArk, the
 * international site, sells the same Seed models in USD. Its "Prompt length [0, 128] / (128, 256]"
 * (K tokens) bands are modelled as a tier from 128,000 prompt tokens (whether K means 1,000 or 1,024
 * is not stated; it matters only for prompts of 128,000–131,072 tokens). Cache storage
 * ($0.0083 per 1M tokens per hour) is not a per-request charge and is not modelled.
 */
import type { ModelInfo } from '@pydantic/genai-prices';

export interface ExtraProvider {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly pricingUrls: readonly string[];
  readonly models: readonly ModelInfo[];
}

const BYTEPLUS_PRICING = 'https://docs.byteplus.com/en/docs/ModelArk/1099320';

export const EXTRA_PROVIDERS: readonly ExtraProvider[] = [
  {
    id: 'byteplus',
    name: 'BytePlus ModelArk (ByteDance Seed)',
    aliases: ['modelark', 'bytedance'],
    pricingUrls: [BYTEPLUS_PRICING],
    models: [
      {
        id: 'seed-1-6',
        name: 'ByteDance-Seed-1.6',
        match: { or: [{ equals: 'seed-1-6' }, { regex: '^seed-1-6-\\d{6}$' }, { equals: 'bytedance-seed-1.6' }] },
        prices: {
          input_mtok: { base: 0.25, tiers: [{ start: 128_000, price: 0.5 }] },
          cache_read_mtok: 0.05,
          output_mtok: { base: 2, tiers: [{ start: 128_000, price: 4 }] },
        },
      },
      {
        id: 'seed-1-6-flash',
        name: 'ByteDance-Seed-1.6-flash',
        match: {
          or: [{ equals: 'seed-1-6-flash' }, { regex: '^seed-1-6-flash-\\d{6}$' }, { equals: 'bytedance-seed-1.6-flash' }],
        },
        prices: {
          input_mtok: { base: 0.075, tiers: [{ start: 128_000, price: 0.1 }] },
          cache_read_mtok: 0.015,
          output_mtok: { base: 0.3, tiers: [{ start: 128_000, price: 0.8 }] },
        },
      },
    ],
  },
];
