/**
 * What to do with a request some budgets cannot cover (SPEC §8): re-route it to a cheaper model
 * when every refusing budget asks for a downgrade, else block it.
 */
import type { BudgetDefinition } from './budget-definition.ts';

export type RefusalDecision =
  | { readonly kind: 'block'; readonly budget: BudgetDefinition }
  | { readonly kind: 'downgrade'; readonly budget: BudgetDefinition; readonly model: string };

/**
 * `refusing` in order of tightness (least remaining first). A `block` budget always blocks; a
 * downgrade to the model already chosen would change nothing, so it blocks as well.
 */
export function decideRefusal(refusing: readonly BudgetDefinition[], currentModel: string): RefusalDecision {
  const blocking = refusing.find((budget) => budget.action !== 'downgrade');
  const tightest = refusing[0];
  if (tightest === undefined) throw new RangeError('decideRefusal: no refusing budget');
  if (blocking) return { kind: 'block', budget: blocking };
  const target = tightest.downgradeTo;
  if (target === undefined || target.toLowerCase() === currentModel.toLowerCase()) return { kind: 'block', budget: tightest };
  return { kind: 'downgrade', budget: tightest, model: target };
}
