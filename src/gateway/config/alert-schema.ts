import { z } from 'zod';
import { channelSchema } from './channel-schema.ts';
import { name, positiveNumber, usdAmount, wholeNumber } from './field-schemas.ts';
import { budgetScopeSchema } from './scope-schema.ts';

export const ALERT_KINDS = [
  'cost_over_window',
  'request_cost',
  'error_rate',
  'budget_threshold',
  'anomaly',
  'forecast_over_budget',
  'unpriced_model',
] as const;

export const ALERT_WINDOWS = ['hour', 'day', 'week', 'month'] as const;

type AlertKind = (typeof ALERT_KINDS)[number];

/** The settings a rule cannot be evaluated without, per kind, with what each one means. */
const REQUIRED_BY_KIND: Partial<Record<AlertKind, Record<string, string>>> = {
  cost_over_window: {
    window: 'the period spend is summed over (hour, day, week or month)',
    threshold_usd: 'the spend in one window that triggers the alert',
  },
  request_cost: { threshold_usd: 'the cost of a single request that triggers the alert' },
  error_rate: { threshold_pct: 'the percentage of failed requests that triggers the alert' },
};

/** An alert rule (SPEC §13). The same object is accepted by the admin API. */
export const alertSchema = z
  .strictObject({
    name: name(),
    kind: z.enum(ALERT_KINDS),
    window: z.enum(ALERT_WINDOWS).optional(),
    threshold_usd: usdAmount().optional(),
    threshold_pct: positiveNumber().optional(),
    min_requests: wholeNumber({ min: 1 }).optional(),
    scope: budgetScopeSchema.optional(),
    cooldown_s: wholeNumber({ min: 0 }).optional(),
    channel: channelSchema,
  })
  .superRefine((alert, context) => {
    const required = REQUIRED_BY_KIND[alert.kind] ?? {};
    for (const [key, meaning] of Object.entries(required)) {
      if (alert[key as keyof typeof alert] !== undefined) continue;
      context.addIssue({
        code: 'custom',
        path: [key],
        input: undefined,
        message: `required when kind is "${alert.kind}" — ${meaning}`,
      });
    }
  });

export type AlertConfig = z.infer<typeof alertSchema>;
