/**
 * The gateway's configuration: `costops.config.yaml` (or .yml/.json) read once at start,
 * `${VAR}` placeholders filled from the environment, validated against one zod schema whose
 * inferred types the rest of the gateway uses. Problems stop start-up with a ConfigError that
 * names each bad key and its fix (SPEC §1.5, §3).
 */
export { loadConfig, CONFIG_FILE_NAMES, type LoadConfigOptions, type LoadedConfig } from './load-config.ts';
export { parseConfig, type ParseConfigOptions } from './parse-config.ts';
export { validateConfig, type ValidateConfigOptions } from './validate-config.ts';
export { redactConfig, redactUrl, REDACTED } from './redact-config.ts';
export { ConfigError, formatConfigProblems, type ConfigProblem } from './config-error.ts';
export type { ConfigEnv } from './interpolate-env.ts';
export type { ConfigFormat } from './parse-document.ts';
export {
  configSchema,
  DEFAULT_STORAGE_URL,
  type Config,
  type ServerConfig,
  type StorageConfig,
  type AuthConfig,
  type CacheConfig,
} from './config-schema.ts';
export { providerSchema, PROVIDER_KINDS, type ProviderConfig, type ProviderKind } from './provider-schema.ts';
export { budgetSchema, BUDGET_ACTIONS, BUDGET_PERIODS, type BudgetConfig } from './budget-schema.ts';
export { alertSchema, ALERT_KINDS, ALERT_WINDOWS, type AlertConfig } from './alert-schema.ts';
export { priceOverrideSchema, type PriceOverride } from './price-override-schema.ts';
export { rateLimitSchema, type RateLimitConfig } from './rate-limit-schema.ts';
export { routingRuleSchema, type RoutingRule } from './routing-rule-schema.ts';
export type { Channel } from './channel-schema.ts';
export type { Scope, RateLimitScope } from './scope-schema.ts';
export { validateEntry, type EntryResult } from './validate-entry.ts';
