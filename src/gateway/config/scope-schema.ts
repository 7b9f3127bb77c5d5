import { z } from 'zod';
import { text } from './field-schemas.ts';

const TAG_FILTER = /^[^=\s]+=.+$/;

const tagFilter = z
  .string()
  .trim()
  .regex(TAG_FILTER, { error: 'must look like "name=value" (write "name=*" for each value of the tag separately)' });

/**
 * A scope names the traffic a budget, limit or alert covers: `{global: true}`, or any of the
 * dimensions, ANDed; "*" as a value means "each value separately" (one budget per user).
 */
function scopeSchema<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const dimensions = Object.keys(shape);
  return z.strictObject(shape).superRefine((scope, context) => {
    const named = Object.entries(scope as Record<string, unknown>)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => key);
    // An object holding only misspelt keys is already reported key by key; "empty" would be noise.
    const misspelt = context.issues.some((issue) => issue.code === 'unrecognized_keys');
    if (named.length === 0 && !misspelt) {
      context.addIssue({
        code: 'custom',
        input: scope,
        message: `must name at least one of ${dimensions.join(', ')} — e.g. { tenant: acme } or { global: true }`,
      });
    } else if (named.includes('global') && named.length > 1) {
      const others = named.filter((key) => key !== 'global').join(', ');
      context.addIssue({
        code: 'custom',
        path: ['global'],
        input: true,
        message: `cannot be combined with ${others} — global covers all traffic; remove global or the other keys`,
      });
    }
  });
}

const dimensions = {
  global: z.literal(true).optional(),
  tenant: text().optional(),
  key: text().optional(),
  user: text().optional(),
  project: text().optional(),
  feature: text().optional(),
  tag: tagFilter.optional(),
};

/** Scope of a budget or an alert (SPEC §8). */
export const budgetScopeSchema = scopeSchema(dimensions);

/** Scope of a rate limit: the budget dimensions plus the model (SPEC §9). */
export const rateLimitScopeSchema = scopeSchema({ ...dimensions, model: text().optional() });

export type Scope = z.infer<typeof budgetScopeSchema>;
export type RateLimitScope = z.infer<typeof rateLimitScopeSchema>;
