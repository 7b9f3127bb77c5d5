/**
 * The whole `costops.config.yaml` (SPEC §3) as one zod schema; every type of the config is
 * inferred from it, so the file format and the types cannot drift apart. Objects are strict:
 * a misspelt key is an error, not a setting silently ignored.
 */
import { z } from 'zod';
import { alertSchema } from './alert-schema.ts';
import { budgetSchema } from './budget-schema.ts';
import { checkReferences, REFERENCING_SECTIONS } from './check-references.ts';
import { flag, fraction, secret, text, timeZone, wholeNumber } from './field-schemas.ts';
import { priceOverrideSchema } from './price-override-schema.ts';
import { providerSchema } from './provider-schema.ts';
import { rateLimitSchema } from './rate-limit-schema.ts';
import { routingRuleSchema } from './routing-rule-schema.ts';
import { uniqueNames } from './unique-names.ts';

export const DEFAULT_STORAGE_URL = 'sqlite:./data/costops.db';

/** Only the scheme of a bad URL is quoted back: the rest may hold a password. */
function schemeOf(url: string): string {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(url);
  return match ? `"${match[0]}"` : 'a URL without a scheme';
}

const serverSchema = z.strictObject({
  port: wholeNumber({ min: 0, max: 65_535 }).default(4000),
  host: text().default('127.0.0.1'),
  body_limit_bytes: wholeNumber({ min: 1 }).default(10 * 1024 * 1024),
  shutdown_grace_ms: wholeNumber({ min: 0 }).default(10_000),
});

const storageSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .refine((url) => /^sqlite:.+/.test(url) || /^postgres(ql)?:\/\/.+/.test(url), {
      error: (issue) =>
        `must start with "sqlite:" or "postgres://" (got ${schemeOf(String(issue.input))}) — e.g. "${DEFAULT_STORAGE_URL}" or "postgres://user@127.0.0.1:5432/costops"`,
    })
    .default(DEFAULT_STORAGE_URL),
});

const redisSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .refine((url) => /^rediss?:\/\/.+/.test(url), {
      error: (issue) =>
        `must start with "redis://" or "rediss://" (got ${schemeOf(String(issue.input))}) — e.g. "redis://127.0.0.1:6379"`,
    }),
});

const authSchema = z
  .strictObject({
    mode: z.enum(['off', 'keys']).default('off'),
    admin_key: secret().optional(),
  })
  .superRefine((auth, context) => {
    if (auth.mode === 'keys' && auth.admin_key === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['admin_key'],
        input: undefined,
        message:
          'required when auth.mode is "keys" — set COSTOPS_ADMIN_KEY and write admin_key: ${COSTOPS_ADMIN_KEY}',
      });
    }
  });

const privacySchema = z.strictObject({
  log_bodies: flag().default(false),
});

const cacheSchema = z.strictObject({
  mode: z.enum(['off', 'exact', 'semantic']).default('off'),
  ttl_s: wholeNumber({ min: 1 }).default(604_800),
  max_bytes: wholeNumber({ min: 1 }).default(256 * 1024 * 1024),
  threshold: fraction().default(0.95),
});

const retentionSchema = z.strictObject({
  raw_days: wholeNumber({ min: 1 }).optional(),
});

/** Runs a cross-section check only when the sections it reads parsed cleanly, so it never reads half-valid data. */
function whenSectionsValid(sections: readonly string[]) {
  return (payload: z.core.ParsePayload) =>
    !payload.issues.some((issue) => issue.continue !== true && sections.includes(String(issue.path?.[0])));
}

export const configSchema = z
  .strictObject({
    server: serverSchema.prefault({}),
    storage: storageSchema.prefault({}),
    redis: redisSchema.optional(),
    auth: authSchema.prefault({}),
    privacy: privacySchema.prefault({}),
    providers: z.array(providerSchema).check(uniqueNames('providers')).default([]),
    aliases: z.record(text(), text()).default({}),
    prices: z.array(priceOverrideSchema).default([]),
    budgets: z.array(budgetSchema).check(uniqueNames('budgets')).default([]),
    timezone: timeZone().default('UTC'),
    rate_limits: z.array(rateLimitSchema).default([]),
    cache: cacheSchema.prefault({}),
    routing: z.array(routingRuleSchema).check(uniqueNames('routing')).default([]),
    alerts: z.array(alertSchema).check(uniqueNames('alerts')).default([]),
    retention: retentionSchema.prefault({}),
    unknown_models: z.enum(['allow', 'block']).default('allow'),
    reserve_output_tokens: wholeNumber({ min: 1 }).optional(),
    fail_open: flag().default(false),
  })
  .superRefine(checkReferences, { when: whenSectionsValid(REFERENCING_SECTIONS) });

/** The validated configuration, defaults filled in. */
export type Config = z.infer<typeof configSchema>;
export type ServerConfig = Config['server'];
export type StorageConfig = Config['storage'];
export type AuthConfig = Config['auth'];
export type CacheConfig = Config['cache'];
