import { z } from 'zod';
import { httpUrl } from './field-schemas.ts';

/** Where an alert is delivered (SPEC §13); the dashboard always shows it as well. */
export const channelSchema = z
  .strictObject({
    webhook: httpUrl('https://example.com/costops-hook').optional(),
    slack: httpUrl('https://hooks.slack.com/services/T000/B000/XXXX').optional(),
  })
  .superRefine((channel, context) => {
    if (channel.webhook === undefined && channel.slack === undefined) {
      context.addIssue({
        code: 'custom',
        input: channel,
        message: 'must set webhook or slack — e.g. { webhook: "https://example.com/costops-hook" }',
      });
    }
  });

export type Channel = z.infer<typeof channelSchema>;
