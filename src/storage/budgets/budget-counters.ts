/**
 * Counter arithmetic, each function run inside one transaction by the store: reserving across
 * every applicable counter at once, moving reservations to spent, and settling what a dead
 * process left behind.
 */
import type { BudgetCounterChange, BudgetCounterRef, BudgetCounterState, BudgetReserveLine, BudgetReserveResult } from '../../core/ports/index.ts';
import type { BudgetPeriod, ScopeFilter } from '../../core/budgets/index.ts';
import type { BudgetRow, BudgetStatements, CounterRow, ReservationRow } from './budget-statements.ts';

export interface CounterContext {
  readonly statements: BudgetStatements;
  readonly seedSpend: (filter: ScopeFilter, startMs: number, endMs: number) => bigint;
}

function keyOf(counter: BudgetCounterRef | ReservationRow): [string, string, string, number] {
  if ('scope_key' in counter) return [counter.budget, counter.period, counter.scope_key, Number(counter.period_start)];
  return [counter.budget, counter.period, counter.scopeKey, counter.periodStart.getTime()];
}

/** The counter as it stands, or as it would be created: seeded from the ledger before the budget took effect. */
function readCounter(context: CounterContext, counter: BudgetCounterRef, effectiveFromMs: number, create: boolean): { spent: bigint; reserved: bigint } {
  const key = keyOf(counter);
  const row = context.statements.getCounter.get(...key) as Pick<CounterRow, 'spent' | 'reserved'> | undefined;
  if (row) return { spent: row.spent, reserved: row.reserved };
  // No row can have reserved on a counter that does not exist yet: what the period spent in scope
  // before the budget took effect (its instant included) is counted here, the rest by reservations.
  const seed = context.seedSpend(counter.filter, counter.periodStart.getTime(), Math.min(counter.periodEnd.getTime(), effectiveFromMs + 1));
  if (create) context.statements.insertCounter.run(...key, counter.periodEnd.getTime(), seed);
  return { spent: seed, reserved: 0n };
}

function stateOf(counter: BudgetCounterRef, balance: { spent: bigint; reserved: bigint }): BudgetCounterState {
  const { budget, period, scopeKey, periodStart, periodEnd } = counter;
  return { budget, period, scopeKey, periodStart, periodEnd, spent: balance.spent, reserved: balance.reserved };
}

/** Checks `spent + reserved + amount <= limit` on every line's counter, then reserves on all of them or on none. */
export function reserveCounters(
  context: CounterContext,
  requestId: string,
  lines: readonly BudgetReserveLine[],
  admittedMs: number,
  definitionsVersion: number | undefined,
): BudgetReserveResult {
  const { statements } = context;
  if (definitionsVersion !== undefined && Number((statements.version.get() as { version: bigint }).version) !== definitionsVersion) {
    return { admitted: false, lines: [], stale: true };
  }
  const states = lines.map((line) => {
    const budget = statements.getBudget.get(line.counter.budget) as BudgetRow | undefined;
    if (!budget) return null;
    const balance = readCounter(context, line.counter, Number(budget.effective_from), true);
    const refused = line.limit !== null && balance.spent + balance.reserved + line.amount > line.limit;
    return { ...stateOf(line.counter, balance), refused };
  });
  const admitted = states.every((state) => state === null || !state.refused);
  if (!admitted) return { admitted, lines: states };
  lines.forEach((line, index) => {
    const state = states[index];
    if (!state) return;
    const key = keyOf(line.counter);
    statements.addReserved.run(line.amount, ...key);
    statements.insertReservation.run(requestId, ...key, line.amount, admittedMs);
    states[index] = { ...state, reserved: state.reserved + line.amount };
  });
  return { admitted, lines: states };
}

/** Moves a request's reservations: `actual` to spent (null: nothing spent), and deletes them. */
export function settleReservations(context: CounterContext, requestId: string, actual: bigint | null): BudgetCounterChange[] {
  const { statements } = context;
  const reservations = statements.reservationsOf.all(requestId) as ReservationRow[];
  const changes: BudgetCounterChange[] = [];
  for (const reservation of reservations) {
    const spent = actual ?? 0n;
    const after = statements.moveReservation.get(spent, reservation.amount, ...keyOf(reservation)) as Pick<CounterRow, 'spent' | 'reserved' | 'period_end'> | undefined;
    if (!after) continue;
    changes.push({
      budget: reservation.budget,
      period: reservation.period as BudgetPeriod,
      scopeKey: reservation.scope_key,
      periodStart: new Date(Number(reservation.period_start)),
      periodEnd: new Date(Number(after.period_end)),
      spent: after.spent,
      reserved: after.reserved,
      spentBefore: after.spent - spent,
    });
  }
  if (reservations.length > 0) statements.deleteReservationsFor.run(requestId);
  return changes;
}

/** Settles every outstanding reservation at the cost of its request's ledger rows (none: 0). */
export function recoverReservations(context: CounterContext): number {
  const { statements } = context;
  const pending = statements.pendingRequests.all() as { request_id: string; admitted_at: bigint }[];
  if (pending.length === 0) return 0;
  // A request's ledger row starts at its admission, so the rows are found through the started_at index.
  const since = pending.reduce((least, row) => (row.admitted_at < least ? row.admitted_at : least), pending[0]!.admitted_at);
  const rows = statements.ledgerCosts.all(since, JSON.stringify(pending.map((row) => row.request_id))) as { operation_id: string; cost: bigint }[];
  const costs = new Map(rows.map((row) => [row.operation_id, BigInt(row.cost)]));
  for (const row of pending) settleReservations(context, row.request_id, costs.get(row.request_id) ?? 0n);
  return pending.length;
}

/** The counters as they stand, creating none. */
export function peekCounters(context: CounterContext, counters: readonly BudgetCounterRef[]): BudgetCounterState[] {
  return counters.map((counter) => {
    const budget = context.statements.getBudget.get(counter.budget) as BudgetRow | undefined;
    const effectiveFromMs = budget ? Number(budget.effective_from) : counter.periodStart.getTime();
    return stateOf(counter, readCounter(context, counter, effectiveFromMs, false));
  });
}

export function counterRowState(row: CounterRow): BudgetCounterState {
  return {
    budget: row.budget,
    period: row.period as BudgetPeriod,
    scopeKey: row.scope_key,
    periodStart: new Date(Number(row.period_start)),
    periodEnd: new Date(Number(row.period_end)),
    spent: row.spent,
    reserved: row.reserved,
  };
}
