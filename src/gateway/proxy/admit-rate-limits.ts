/**
 * The client-side rate-limit gate (SPEC §9): before budgets and before the ledger row, take the
 * request's share of every applicable rpm/tpm/concurrency limit. Tokens are counted only when a
 * tpm rule exists: input pre-flight plus the output the request may produce, corrected at settlement.
 */
import { priceAt } from '../../core/pricing/index.ts';
import type { AdmitResult } from '../limits/index.ts';
import { estimateInputTokens } from './estimate-usage.ts';
import type { ProviderChoice } from './provider-registry.ts';
import type { ProxyDeps, ProxyRequest } from './proxy-types.ts';

export async function admitRateLimits(deps: ProxyDeps, request: ProxyRequest, choice: ProviderChoice, now: Date): Promise<AdmitResult | undefined> {
  const limiter = deps.limits?.limiter;
  if (!limiter) return undefined;
  const { identity, attribution, format, body } = request;
  let inputTokens = 0;
  let reservedOutputTokens = 0;
  if (deps.limits?.countsTokens) {
    const target = { model: choice.model, provider: choice.pricingProvider };
    inputTokens = estimateInputTokens(format.endpoint, body, target);
    const price = choice.pricingProvider === undefined ? undefined : priceAt(deps.catalog, choice.model, now, { provider: choice.pricingProvider });
    reservedOutputTokens = format.maxOutputTokens(body) ?? price?.maxOutputTokens ?? 0;
  }
  return limiter.admit({
    keyId: identity.keyId,
    tenant: identity.tenant,
    user: attribution.user ?? null,
    project: attribution.project ?? null,
    feature: attribution.feature ?? null,
    tags: attribution.tags,
    model: choice.model,
    inputTokens,
    reservedOutputTokens,
  });
}
