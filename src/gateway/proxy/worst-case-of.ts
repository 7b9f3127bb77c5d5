/**
 * A request's worst-case cost on a provider choice (SPEC §8): its input counted the way the ledger
 * would estimate it, its output capped, both at the model's price now.
 */
import { outputCap, worstCaseCost, type WorstCase } from '../../core/budgets/index.ts';
import { priceAt } from '../../core/pricing/index.ts';
import { estimateInputTokens } from './estimate-usage.ts';
import type { ProviderChoice } from './provider-registry.ts';
import type { ProxyDeps, ProxyRequest } from './proxy-types.ts';

export function worstCaseOf(deps: ProxyDeps, request: ProxyRequest, choice: ProviderChoice, at: Date): WorstCase {
  const { format } = request;
  const target = { model: choice.model, provider: choice.pricingProvider };
  const inputTokens = estimateInputTokens(format.endpoint, request.body, target);
  const price = choice.pricingProvider === undefined ? undefined : priceAt(deps.catalog, choice.model, at, { provider: choice.pricingProvider });
  // Embeddings produce no output tokens: their worst case is their input.
  const cap =
    format.endpoint === 'embeddings'
      ? 0
      : outputCap({ requested: format.maxOutputTokens(request.body), reserveOutputTokens: deps.budgets?.reserveOutputTokens, price, inputTokens });
  return worstCaseCost(price, inputTokens, cap);
}
