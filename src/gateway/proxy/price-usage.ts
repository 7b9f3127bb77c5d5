/** Usage → the ledger's token and money fields, priced at the version in force when the request started. */
import { formatUsd } from '../../core/money/index.ts';
import { calculateCost, priceAt, type PriceCatalog } from '../../core/pricing/index.ts';
import { cacheWriteTokens, type Usage } from '../../core/usage/index.ts';
import type { LedgerFinalizePatch, LedgerUsageSource } from '../../core/ports/index.ts';

export type PricedFields = Omit<LedgerFinalizePatch, 'status'>;

/** Ledger fields for `usage` of `model` (served) at `startedAt`. An unknown price gives cost null and `unpriced`, never 0. */
export function priceUsage(options: {
  catalog: PriceCatalog;
  model: string;
  pricingProvider: string | undefined;
  startedAt: Date;
  usage: Usage;
  source: LedgerUsageSource;
}): PricedFields {
  const { usage } = options;
  const price = options.pricingProvider === undefined ? undefined : priceAt(options.catalog, options.model, options.startedAt, { provider: options.pricingProvider });
  const cost = calculateCost(usage, price);
  return {
    inputTokens: usage.inputTokens ?? null,
    cachedInputTokens: usage.cacheReadTokens ?? null,
    cacheWriteTokens: cacheWriteTokens(usage) ?? null,
    cacheWrite1hTokens: usage.cacheWrite1hTokens ?? null,
    inputAudioTokens: usage.inputAudioTokens ?? null,
    outputTokens: usage.outputTokens ?? null,
    reasoningTokens: usage.reasoningTokens ?? null,
    outputAudioTokens: usage.outputAudioTokens ?? null,
    costUsd: cost.status === 'priced' ? cost.totalNanos : null,
    priceId: cost.status === 'priced' ? cost.priceId : (cost.priceId ?? null),
    usageSource: options.source,
    unpriced: cost.status !== 'priced',
  };
}

/** `x-costops-tokens: in=…,cached=…,cache_write=…,out=…,reasoning=…` (SPEC §4). */
export function tokensHeader(fields: PricedFields): string {
  return `in=${fields.inputTokens ?? 0},cached=${fields.cachedInputTokens ?? 0},cache_write=${fields.cacheWriteTokens ?? 0},out=${fields.outputTokens ?? 0},reasoning=${fields.reasoningTokens ?? 0}`;
}

/** The cost as a decimal USD string, or null when unpriced. */
export function costText(fields: PricedFields): string | null {
  return fields.costUsd === null || fields.costUsd === undefined ? null : formatUsd(fields.costUsd);
}
