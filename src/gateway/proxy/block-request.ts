/**
 * A request refused by a budget (SPEC §4, §7): never sent upstream, answered 429 `budget_exceeded`
 * (or 402 when the budget says so) in the route's error format, and recorded as a `blocked` row
 * at $0 so refusals show in reports.
 */
import { describeRefusal, remainingOf } from '../../core/budgets/index.ts';
import { CostOpsError } from '../../core/errors/index.ts';
import { formatUsd, type Nanos } from '../../core/money/index.ts';
import type { BudgetCounterState } from '../../core/ports/index.ts';
import type { BudgetHold } from '../budgets/index.ts';
import { errorBody } from '../http/error-body.ts';
import { ledgerOpenInput, type AttemptFacts } from './ledger-open-input.ts';
import type { ProviderChoice } from './provider-registry.ts';
import type { ProxyDeps, ProxyRequest } from './proxy-types.ts';
import { notifyFinished } from './proxy-observer.ts';

export interface Refusal {
  readonly hold: BudgetHold;
  readonly state: BudgetCounterState;
}

export async function blockRequest(
  deps: ProxyDeps,
  request: ProxyRequest,
  attempt: AttemptFacts & { readonly choice: ProviderChoice },
  refusal: Refusal,
  figures: { readonly worstCase: Nanos; readonly remaining: Nanos | undefined },
): Promise<Response> {
  const { definition } = refusal.hold;
  const message = describeRefusal({
    budget: definition,
    scopeKey: refusal.hold.match.key,
    remaining: remainingOf({ limit: definition.limitUsd, spent: refusal.state.spent, reserved: refusal.state.reserved }),
    worstCase: figures.worstCase,
    nextPeriod: definition.period === 'lifetime' ? undefined : refusal.state.periodEnd,
  });
  const status = definition.blockStatus;
  const row = await deps.store.open(ledgerOpenInput(request, attempt, attempt.choice, { route: `budget:${definition.name}` }));
  deps.observer?.started(row);
  const endedAt = deps.clock.now();
  const finalized = await deps.store.finalize(row.id, {
    status: 'blocked',
    httpStatus: status,
    errorCode: 'budget_exceeded',
    costUsd: 0n,
    endedAt,
    latencyMs: endedAt.getTime() - attempt.startedAt.getTime(),
  });
  notifyFinished(deps.observer, finalized);

  const error = new CostOpsError('budget_exceeded', message, { details: { budget: definition.name } });
  const body = errorBody(error, request.format.errorStyle) as { error: Record<string, unknown> };
  // The code table says 429; a budget may ask for 402 Payment Required instead, and Gemini bodies repeat the status.
  if (request.format.errorStyle === 'gemini') body.error = { ...body.error, code: status, ...(status === 402 && { status: 'FAILED_PRECONDITION' }) };
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-costops-request-id': row.id };
  if (figures.remaining !== undefined) headers['x-costops-budget-remaining-usd'] = formatUsd(figures.remaining);
  return new Response(JSON.stringify(body), { status, headers });
}
