/** What is left of a budget: limit − spent − reserved (negative once an alert-only budget is overspent). */
import type { Nanos } from '../money/index.ts';

export interface CounterBalance {
  readonly limit: Nanos;
  readonly spent: Nanos;
  readonly reserved: Nanos;
}

export function remainingOf(balance: CounterBalance): Nanos {
  return balance.limit - balance.spent - balance.reserved;
}

/** The tightest of several balances (SPEC §4 `x-costops-budget-remaining-usd`), or undefined for none. */
export function tightestRemaining(balances: Iterable<CounterBalance>): Nanos | undefined {
  let tightest: Nanos | undefined;
  for (const balance of balances) {
    const remaining = remainingOf(balance);
    if (tightest === undefined || remaining < tightest) tightest = remaining;
  }
  return tightest;
}
