/** Finalizing a ledger row: price the usage at the start-time price, commit, notify observers. */
import type { CostOpsError } from '../../core/errors/index.ts';
import type { LedgerRow } from '../../core/ports/index.ts';
import type { Usage } from '../../core/usage/index.ts';
import type { ProviderChoice } from './provider-registry.ts';
import type { ProxyDeps, ProxyRequest } from './proxy-types.ts';
import { priceUsage, type PricedFields } from './price-usage.ts';

export interface Settlement {
  readonly deps: ProxyDeps;
  readonly request: ProxyRequest;
  readonly row: LedgerRow;
  readonly choice: ProviderChoice;
  readonly startedAt: Date;
  readonly prepared: { readonly clientWantsUsage: boolean };
}

/** Prices a usage and finalizes the row; resolves once committed. */
export async function settle(
  context: Settlement,
  outcome: { status: 'ok' | 'error' | 'aborted'; httpStatus: number; errorCode?: string | null; ttftMs?: number | null; responseBytes: number; servedModel?: string | undefined },
  usage: { usage: Usage; source: 'provider' | 'estimated' },
): Promise<PricedFields> {
  const { deps, row, choice } = context;
  const model = outcome.servedModel ?? choice.model;
  const priced = priceUsage({ catalog: deps.catalog, model: choice.model, pricingProvider: choice.pricingProvider, startedAt: context.startedAt, usage: usage.usage, source: usage.source });
  const endedAt = deps.clock.now();
  const finalized = await deps.store.finalize(row.id, {
    status: outcome.status,
    ...priced,
    model,
    httpStatus: outcome.httpStatus,
    errorCode: outcome.errorCode ?? null,
    endedAt,
    latencyMs: endedAt.getTime() - context.startedAt.getTime(),
    ttftMs: outcome.ttftMs ?? null,
    responseBytes: outcome.responseBytes,
  });
  deps.observer?.finished(finalized);
  return priced;
}

/** Records an attempt that produced no usable response: $0 (no usage reported). */
export async function finalizeFailure(deps: ProxyDeps, row: LedgerRow, failure: CostOpsError | null, aborted: boolean): Promise<void> {
  const endedAt = deps.clock.now();
  const finalized = await deps.store.finalize(row.id, {
    status: aborted ? 'aborted' : 'error',
    httpStatus: aborted ? 499 : (failure?.status ?? 502),
    errorCode: aborted ? 'client_aborted' : (failure?.code ?? 'upstream_error'),
    costUsd: 0n,
    usageSource: 'provider',
    endedAt,
    latencyMs: endedAt.getTime() - row.startedAt.getTime(),
  });
  deps.observer?.finished(finalized);
}

export function target(context: Settlement) {
  return { model: context.choice.model, provider: context.choice.pricingProvider };
}

