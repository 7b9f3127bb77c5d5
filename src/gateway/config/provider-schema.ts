import { z } from 'zod';
import { httpUrl, name, secret, text, wholeNumber } from './field-schemas.ts';

export const PROVIDER_KINDS = ['openai', 'anthropic', 'gemini', 'openai-compatible'] as const;

/** Hosted APIs always need a key; only self-hosted openai-compatible servers (Ollama, vLLM) may run without. */
const KINDS_NEEDING_A_KEY: ReadonlySet<string> = new Set(['openai', 'anthropic', 'gemini']);

const KEY_VARIABLES: Record<string, string> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  gemini: 'GEMINI_API_KEY',
};

// RFC 9110 token characters: anything else would be rejected by the HTTP client at request time.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const timeoutsSchema = z
  .strictObject({
    connect_ms: wholeNumber({ min: 1 }).default(5_000),
    first_byte_ms: wholeNumber({ min: 1 }).default(60_000),
    total_ms: wholeNumber({ min: 1 }).default(600_000),
  })
  .superRefine((timeouts, context) => {
    if (timeouts.first_byte_ms > timeouts.total_ms) {
      context.addIssue({
        code: 'custom',
        path: ['first_byte_ms'],
        input: timeouts.first_byte_ms,
        message: `must not exceed total_ms (${timeouts.total_ms}) — the first byte cannot arrive after the whole response`,
      });
    }
  });

const modelsSchema = z
  .array(text())
  .min(1, { error: 'must list at least one model name, or ["*"] for any model the catalog prices for this provider' })
  .superRefine((models, context) => {
    if (models.includes('*') && models.length > 1) {
      context.addIssue({
        code: 'custom',
        input: models,
        message: 'write ["*"] alone, or list model names without "*"',
      });
    }
  });

/** One upstream API the gateway may call. Its base URL comes only from here, never from a request (SPEC §18). */
export const providerSchema = z
  .strictObject({
    name: name(),
    kind: z.enum(PROVIDER_KINDS),
    // Trailing slashes are dropped so adapters can append paths ("/chat/completions") without doubling them.
    base_url: httpUrl('https://api.openai.com/v1').transform((url) => url.replace(/\/+$/, '')),
    api_key: secret().optional(),
    models: modelsSchema,
    timeouts: timeoutsSchema.prefault({}),
    headers: z
      .record(
        z.string().regex(HEADER_NAME, { error: 'is not a valid HTTP header name (letters, digits and -)' }),
        z.string({ error: (issue) => (issue.input === undefined ? undefined : 'must be text — put the value in quotes') }),
      )
      .optional(),
  })
  .superRefine((provider, context) => {
    if (provider.api_key === undefined && KINDS_NEEDING_A_KEY.has(provider.kind)) {
      const variable = KEY_VARIABLES[provider.kind] ?? 'API_KEY';
      context.addIssue({
        code: 'custom',
        path: ['api_key'],
        input: undefined,
        message: `required for kind "${provider.kind}" — write api_key: \${${variable}} and export ${variable} (only openai-compatible servers such as Ollama or vLLM may omit it)`,
      });
    }
  });

export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export type ProviderConfig = z.infer<typeof providerSchema>;
