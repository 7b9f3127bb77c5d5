/**
 * Finalizing a ledger row: price the usage at the start-time price, commit, notify observers, and
 * settle the request's budget reservation (even when the ledger write fails: the money was spent).
 */
import type { CostOpsError } from '../../core/errors/index.ts';
import type { Nanos } from '../../core/money/index.ts';
import type { LedgerRow } from '../../core/ports/index.ts';
import { USAGE_FIELDS, type Usage } from '../../core/usage/index.ts';
import type { BudgetTicket } from '../budgets/index.ts';
import type { RateLimitLease } from '../limits/index.ts';
import type { ProviderChoice } from './provider-registry.ts';
import type { ProxyDeps, ProxyRequest } from './proxy-types.ts';
import { priceUsage, type PricedFields } from './price-usage.ts';
import { notifyFinished } from './proxy-observer.ts';

export interface Settlement {
  readonly deps: ProxyDeps;
  readonly request: ProxyRequest;
  readonly row: LedgerRow;
  readonly choice: ProviderChoice;
  readonly startedAt: Date;
  readonly prepared: { readonly clientWantsUsage: boolean };
  /** The request's hold on its budgets, settled with the row. */
  readonly budget?: BudgetTicket | undefined;
  /** The request's rate-limit lease: tokens corrected and its concurrency slot returned with the row. */
  readonly limit?: RateLimitLease | undefined;
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
  let finalized: LedgerRow;
  try {
    finalized = await deps.store.finalize(row.id, {
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
  } finally {
    try {
      if (context.budget) await context.budget.settle(budgetCharge(priced.costUsd, usage.usage, context.budget.reservedUsd));
    } finally {
      await returnLease(context.limit, totalTokens(usage.usage));
    }
  }
  notifyFinished(deps.observer, finalized);
  return priced;
}

/**
 * What a settled request charges its budgets: the row's cost, so each budget equals its ledger
 * rows. A cost that could not be priced is charged at the reservation when the provider reported
 * usage: real tokens are never free to a budget.
 */
function budgetCharge(cost: Nanos | null | undefined, usage: Usage, reserved: Nanos): Nanos {
  if (cost !== null && cost !== undefined) return cost;
  return USAGE_FIELDS.some((field) => (usage[field] ?? 0) > 0) ? reserved : 0n;
}

/** Records an attempt that produced no usable response: $0 (no usage reported); its reservation is released. */
export async function finalizeFailure(deps: ProxyDeps, row: LedgerRow, failure: CostOpsError | null, aborted: boolean, budget?: BudgetTicket, limit?: RateLimitLease): Promise<void> {
  const endedAt = deps.clock.now();
  let finalized: LedgerRow;
  try {
    finalized = await deps.store.finalize(row.id, {
      status: aborted ? 'aborted' : 'error',
      httpStatus: aborted ? 499 : (failure?.status ?? 502),
      errorCode: aborted ? 'client_aborted' : (failure?.code ?? 'upstream_error'),
      costUsd: 0n,
      usageSource: 'provider',
      endedAt,
      latencyMs: endedAt.getTime() - row.startedAt.getTime(),
    });
  } finally {
    try {
      await budget?.release();
    } finally {
      await returnLease(limit, 0);
    }
  }
  notifyFinished(deps.observer, finalized);
}

/** Corrects the lease's token count to what was used and gives its concurrency slot back (both idempotent). */
export async function returnLease(lease: RateLimitLease | undefined, tokens: number): Promise<void> {
  if (!lease) return;
  try {
    await lease.settle(tokens);
  } finally {
    await lease.release();
  }
}

/** Every input and output token of a usage (the unit tpm limits count). */
function totalTokens(usage: Usage): number {
  return (usage.inputTokens ?? 0) + (usage.cacheReadTokens ?? 0) + (usage.cacheWrite5mTokens ?? 0) + (usage.cacheWrite1hTokens ?? 0) + (usage.outputTokens ?? 0);
}

export function target(context: Settlement) {
  return { model: context.choice.model, provider: context.choice.pricingProvider };
}

