import { z } from 'zod';
import { wholeNumber } from './field-schemas.ts';
import { rateLimitScopeSchema } from './scope-schema.ts';

/** Requests per minute, tokens per minute and in-flight requests for a scope (SPEC §9). */
export const rateLimitSchema = z
  .strictObject({
    scope: rateLimitScopeSchema,
    rpm: wholeNumber({ min: 1 }).optional(),
    tpm: wholeNumber({ min: 1 }).optional(),
    concurrent: wholeNumber({ min: 1 }).optional(),
  })
  .superRefine((limit, context) => {
    if (limit.rpm === undefined && limit.tpm === undefined && limit.concurrent === undefined) {
      context.addIssue({
        code: 'custom',
        input: limit,
        message: 'set at least one of rpm, tpm or concurrent — e.g. { scope: { key: "*" }, rpm: 600 }',
      });
    }
  });

export type RateLimitConfig = z.infer<typeof rateLimitSchema>;
