/**
 * One admitted request's hold on its budgets: settled to the actual cost when it completes, or
 * released when it fails. Both are idempotent and never throw, so every exit of the request path
 * may call them: whichever comes first counts.
 */
import { thresholdCrossings, tightestRemaining, type ApplicableBudget } from '../../core/budgets/index.ts';
import type { Nanos } from '../../core/money/index.ts';
import type { BudgetCounterChange, BudgetCounterState, BudgetStore } from '../../core/ports/index.ts';
import type { BudgetThresholdHook } from './budget-threshold-event.ts';

export interface BudgetTicket {
  /** The worst case reserved on each applicable budget (also the ledger row's `reservedUsd`). */
  readonly reservedUsd: Nanos;
  /** limit − spent − reserved of the tightest budget, as last seen (after reservation, then after settlement). */
  remaining(): Nanos | undefined;
  settle(actual: Nanos): Promise<void>;
  release(): Promise<void>;
}

export interface TicketOptions {
  readonly store: BudgetStore;
  readonly requestId: string;
  readonly reservedUsd: Nanos;
  /** The budgets reserved on, each with its counter as the reservation left it. */
  readonly holds: readonly { readonly budget: ApplicableBudget; readonly state: BudgetCounterState }[];
  readonly onThreshold?: BudgetThresholdHook | undefined;
  readonly onError: (error: unknown, during: string) => void;
}

export function createBudgetTicket(options: TicketOptions): BudgetTicket {
  const { store, requestId } = options;
  const budgets = new Map(options.holds.map(({ budget }) => [budget.definition.name, budget]));
  const states = new Map(options.holds.map(({ budget, state }) => [budget.definition.name, state]));
  let done: Promise<void> | undefined;

  const remaining = () =>
    tightestRemaining([...states].map(([name, state]) => ({ limit: budgets.get(name)!.definition.limitUsd, spent: state.spent, reserved: state.reserved })));

  function report(changes: readonly BudgetCounterChange[]): void {
    for (const change of changes) {
      states.set(change.budget, change);
      const budget = budgets.get(change.budget);
      if (!budget || !options.onThreshold) continue;
      const { definition, match } = budget;
      for (const fraction of thresholdCrossings(definition.alertAt, definition.limitUsd, change.spentBefore, change.spent)) {
        const lifetime = definition.period === 'lifetime';
        options.onThreshold({
          budget: definition.name,
          scope: match.scope,
          scopeValue: match.key,
          fraction,
          spentUsd: change.spent,
          limitUsd: definition.limitUsd,
          period: definition.period,
          periodStart: lifetime ? null : change.periodStart,
          periodEnd: lifetime ? null : change.periodEnd,
        });
      }
    }
  }

  /** The first call does the work; later ones wait for it. A store failure leaves the reservation for start-up recovery. */
  function once(during: string, work: () => Promise<BudgetCounterChange[]>): Promise<void> {
    done ??= work().then(report, (error: unknown) => options.onError(error, `${during} of request ${requestId}`));
    return done;
  }

  return {
    reservedUsd: options.reservedUsd,
    remaining,
    settle: (actual) => once('settlement', () => store.settle(requestId, actual)),
    release: () => once('release', () => store.release(requestId)),
  };
}
