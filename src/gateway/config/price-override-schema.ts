import { z } from 'zod';
import { pricePerMillion, text, wholeNumber } from './field-schemas.ts';

/**
 * A price the catalog lacks or gets wrong, in USD per 1M tokens (SPEC §6). Prices stay exact
 * decimal strings; the catalog turns them into rates.
 */
export const priceOverrideSchema = z.strictObject({
  model: text(),
  provider: text(),
  input: pricePerMillion(),
  output: pricePerMillion(),
  cached_input: pricePerMillion().optional(),
  cache_write: pricePerMillion().optional(),
  cache_write_1h: pricePerMillion().optional(),
  batch_input: pricePerMillion().optional(),
  batch_output: pricePerMillion().optional(),
  context_window: wholeNumber({ min: 1 }).optional(),
  max_output_tokens: wholeNumber({ min: 1 }).optional(),
});

export type PriceOverride = z.infer<typeof priceOverrideSchema>;
