/** The message a refused request gets: which budget, its limit, what is left, and what to do. */
import { formatUsdShort, type Nanos } from '../money/index.ts';
import type { BudgetDefinition } from './budget-definition.ts';

export interface RefusalFacts {
  readonly budget: BudgetDefinition;
  /** The counter's scope value, e.g. "user=alice". */
  readonly scopeKey: string;
  readonly remaining: Nanos;
  readonly worstCase: Nanos;
  /** When the budget's next period starts; undefined for a lifetime budget. */
  readonly nextPeriod: Date | undefined;
}

const PER: Record<BudgetDefinition['period'], string> = { hour: 'per hour', day: 'per day', week: 'per week', month: 'per month', lifetime: 'in total' };

export function describeRefusal(facts: RefusalFacts): string {
  const { budget } = facts;
  const left = facts.remaining > 0n ? facts.remaining : 0n;
  const wait = facts.nextPeriod === undefined ? 'raise the limit' : `raise the limit or wait for the next period (${facts.nextPeriod.toISOString()})`;
  return (
    `budget "${budget.name}" (${facts.scopeKey}) has $${formatUsdShort(left)} left of its $${formatUsdShort(budget.limitUsd)} limit ${PER[budget.period]}; ` +
    `this request could cost up to $${formatUsdShort(facts.worstCase)}, so it was not sent. Lower max_tokens, ${wait}`
  );
}
