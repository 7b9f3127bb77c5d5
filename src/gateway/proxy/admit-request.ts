/**
 * The pre-flight gate of a proxied request (SPEC §4, §8): between choosing the provider and opening
 * the ledger row, reserve the request's worst case on every budget that applies, or refuse it
 * without calling upstream. Also enforces the client's own `x-costops-max-cost-usd`. Counting and
 * pricing are skipped entirely when no budget applies and no ceiling was sent.
 */
import { decideRefusal, isHardBudget, type BudgetFacts, type WorstCase } from '../../core/budgets/index.ts';
import { CostOpsError } from '../../core/errors/index.ts';
import { formatUsdShort, type Nanos } from '../../core/money/index.ts';
import type { BudgetHold, BudgetTicket } from '../budgets/index.ts';
import { blockRequest } from './block-request.ts';
import type { AttemptFacts } from './ledger-open-input.ts';
import type { ProviderChoice } from './provider-registry.ts';
import type { ProxyDeps, ProxyRequest } from './proxy-types.ts';
import { MAX_COST_HEADER, readMaxCost } from './read-max-cost.ts';
import { worstCaseOf } from './worst-case-of.ts';

export type Admission =
  | {
      readonly kind: 'admitted';
      readonly choice: ProviderChoice;
      /** The hold on the request's budgets; undefined when none applies (or the store failed open). */
      readonly ticket: BudgetTicket | undefined;
      /** `downgrade:<budget>` when a budget re-routed the request. */
      readonly route: string | null;
    }
  | { readonly kind: 'refused'; readonly response: Response };

/** Decisions taken again when the budget definitions changed between reading and reserving. */
const MAX_STALE_RETRIES = 3;

/** Admits, re-routes or refuses a request; throws CostOpsError for the 400s and the 503. */
export async function admitRequest(
  deps: ProxyDeps,
  request: ProxyRequest,
  attempt: AttemptFacts & { readonly choice: ProviderChoice },
  retries = 0,
): Promise<Admission> {
  const maxCost = readMaxCost(request.headers);
  const engine = deps.budgets;
  const found = engine ? await engine.applicable(budgetFacts(request), attempt.startedAt) : { holds: [] as BudgetHold[] };
  let holds = found.holds;
  const admitted = (choice: ProviderChoice, ticket?: BudgetTicket, route: string | null = null): Admission => ({ kind: 'admitted', choice, ticket, route });
  if (holds.length === 0 && maxCost === undefined) return admitted(attempt.choice);

  const hard = holds.some((hold) => isHardBudget(hold.definition));
  if (found.error !== undefined) {
    if (hard && !engine?.failOpen) throw storeUnavailable(found.error);
    holds = []; // fail open: the request goes through uncounted
  }
  const worst = worstCaseOf(deps, request, attempt.choice, attempt.startedAt);
  const amount = checkedAmount(worst, attempt.choice, { hard, maxCost });
  if (holds.length === 0 || !engine) return admitted(attempt.choice);

  const reserve = async (amountToReserve: Nanos) => {
    try {
      return await engine.reserve(attempt.operationId, holds, amountToReserve, attempt.startedAt);
    } catch (error) {
      if (hard && !engine.failOpen) throw storeUnavailable(error);
      return undefined;
    }
  };
  // Definitions changed under the reservation (another process): decide again on the new ones.
  const again = () => admitRequest(deps, request, attempt, retries + 1);
  const first = await reserve(amount);
  if (!first) return admitted(attempt.choice);
  if (first.admitted) return admitted(attempt.choice, first.ticket);
  if ('stale' in first) {
    if (retries < MAX_STALE_RETRIES) return again();
    throw storeUnavailable(new Error('the budget definitions kept changing during the reservation'));
  }

  let refused = first;
  let worstCase = amount;
  const decision = decideRefusal(first.refused.map(({ hold }) => hold.definition), attempt.choice.model);
  if (decision.kind === 'downgrade') {
    const cheaper = downgradeChoice(deps, request, decision.model);
    const cheaperWorst = cheaper && worstCaseOf(deps, request, cheaper, attempt.startedAt);
    if (cheaper && cheaperWorst?.status === 'priced' && (maxCost === undefined || cheaperWorst.amount <= maxCost)) {
      const second = await reserve(cheaperWorst.amount);
      if (!second) return admitted(cheaper, undefined, `downgrade:${decision.budget.name}`);
      if (second.admitted) return admitted(cheaper, second.ticket, `downgrade:${decision.budget.name}`);
      if ('stale' in second) {
        if (retries < MAX_STALE_RETRIES) return again();
        throw storeUnavailable(new Error('the budget definitions kept changing during the reservation'));
      }
      refused = second;
      worstCase = cheaperWorst.amount;
    }
  }
  const tightest = refused.refused[0]!;
  const response = await blockRequest(deps, request, attempt, tightest, { worstCase, remaining: refused.remaining });
  return { kind: 'refused', response };
}

function budgetFacts(request: ProxyRequest): BudgetFacts {
  const { identity, attribution } = request;
  return {
    tenant: identity.tenant,
    keyId: identity.keyId,
    user: attribution.user ?? null,
    project: attribution.project ?? null,
    feature: attribution.feature ?? null,
    tags: attribution.tags,
  };
}

/** The amount to reserve, after the checks a hard budget or a client ceiling needs. */
function checkedAmount(worst: WorstCase, choice: ProviderChoice, guards: { hard: boolean; maxCost: Nanos | undefined }): Nanos {
  const guarded = guards.hard || guards.maxCost !== undefined;
  if (worst.status === 'unpriced') {
    if (!guarded) return 0n;
    const why = guards.hard ? 'a hard budget applies to this request' : `${MAX_COST_HEADER} was sent`;
    throw new CostOpsError(
      'model_not_priced',
      `model "${choice.model}" (provider ${choice.provider.name}) has no price, and ${why}, so its cost cannot be bounded: add it under "prices:" in the config (input and output USD per 1M tokens)`,
      { details: { model: choice.model } },
    );
  }
  if (worst.status === 'unbounded') {
    if (!guarded) return 0n;
    throw new CostOpsError(
      'invalid_request',
      `the maximum output of model "${choice.model}" is unknown, so this request's worst-case cost is unbounded: set max_tokens (or max_output_tokens) on the request, or reserve_output_tokens in the config`,
    );
  }
  if (guards.maxCost !== undefined && worst.amount > guards.maxCost) {
    throw new CostOpsError(
      'max_cost_exceeded',
      `this request could cost up to $${formatUsdShort(worst.amount)} (${worst.inputTokens} input tokens + up to ${worst.outputTokens} output tokens on ${choice.model}), over ${MAX_COST_HEADER}: ${formatUsdShort(guards.maxCost)}; lower max_tokens or raise the header`,
      { details: { worst_case_usd: formatUsdShort(worst.amount, 9) } },
    );
  }
  return worst.amount;
}

/** The downgrade target on a provider of the same API kind, or undefined when none serves it. */
function downgradeChoice(deps: ProxyDeps, request: ProxyRequest, model: string): ProviderChoice | undefined {
  try {
    return deps.registry.choose(model, request.format.providerKinds);
  } catch {
    return undefined;
  }
}

function storeUnavailable(cause: unknown): CostOpsError {
  return new CostOpsError(
    'budget_store_unavailable',
    'the budget store could not be reached, and a hard budget applies to this request, so it was not sent; retry shortly (or set fail_open: true to admit requests uncounted while the store is down)',
    { cause },
  );
}
