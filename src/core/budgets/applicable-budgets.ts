/** Which budgets a request must fit (SPEC §8: budgets nest; a request must fit every one that applies). */
import type { BudgetDefinition } from './budget-definition.ts';
import type { BudgetFacts } from './budget-facts.ts';
import { matchScope, type ScopeMatch } from './match-scope.ts';

export interface ApplicableBudget {
  readonly definition: BudgetDefinition;
  /** The counter of the budget this request spends from. */
  readonly match: ScopeMatch;
}

/** The budgets whose scope covers a request with these facts, in the order given. */
export function applicableBudgets(definitions: readonly BudgetDefinition[], facts: BudgetFacts): ApplicableBudget[] {
  const applicable: ApplicableBudget[] = [];
  for (const definition of definitions) {
    const match = matchScope(definition.scope, facts);
    if (match) applicable.push({ definition, match });
  }
  return applicable;
}
