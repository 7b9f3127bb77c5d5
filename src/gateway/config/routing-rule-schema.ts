import { z } from 'zod';
import { name, text } from './field-schemas.ts';

/**
 * A routing rule (SPEC §11). Only its frame is fixed for now: `match` holds whatever conditions the
 * router understands, so the router can grow without reshaping the config.
 */
export const routingRuleSchema = z.strictObject({
  name: name(),
  match: z.record(z.string(), z.unknown()).default({}),
  target: z.union([text(), z.array(text()).min(1, { error: 'must list at least one model' })], {
    error: (issue) => (issue.input === undefined ? undefined : 'must be a model name or a list of model names'),
  }),
});

export type RoutingRule = z.infer<typeof routingRuleSchema>;
