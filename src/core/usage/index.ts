export { type Usage, type UsageField, USAGE_FIELDS, cacheWriteTokens, promptTokens, compactUsage } from './usage.ts';
