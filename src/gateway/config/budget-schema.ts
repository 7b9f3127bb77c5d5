import { z } from 'zod';
import { channelSchema } from './channel-schema.ts';
import { fraction, name, numberChoice, text, usdAmount } from './field-schemas.ts';
import { budgetScopeSchema } from './scope-schema.ts';

export const BUDGET_PERIODS = ['hour', 'day', 'week', 'month', 'lifetime'] as const;
export const BUDGET_ACTIONS = ['block', 'downgrade', 'alert-only'] as const;

/**
 * A spending limit over a period for a scope (SPEC §8). The same object is accepted by
 * `POST /api/budgets`, so it is exported on its own.
 */
export const budgetSchema = z
  .strictObject({
    name: name(),
    scope: budgetScopeSchema,
    period: z.enum(BUDGET_PERIODS),
    limit_usd: usdAmount(),
    alert_at: z.array(fraction()).default([]),
    action: z.enum(BUDGET_ACTIONS),
    downgrade_to: text().optional(),
    block_status: numberChoice([429, 402]).default(429),
    channel: channelSchema.optional(),
  })
  .superRefine((budget, context) => {
    if (budget.action === 'downgrade' && budget.downgrade_to === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['downgrade_to'],
        input: undefined,
        message: 'required when action is "downgrade" — name the cheaper model to use, e.g. downgrade_to: gpt-4o-mini',
      });
    }
    if (budget.action !== 'downgrade' && budget.downgrade_to !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['downgrade_to'],
        input: budget.downgrade_to,
        message: `only used when action is "downgrade" (action is "${budget.action}") — remove it or set action: downgrade`,
      });
    }
  });

export type BudgetConfig = z.infer<typeof budgetSchema>;

