import { gcraDebtAt, type GcraState, type GcraWindow } from './gcra-state.ts';

/**
 * Corrects what a counter holds by `delta` units of cost: negative gives back (a refund frees the
 * capacity at once), positive charges what was under-counted (tokens used beyond the reservation).
 * A charge may take the counter past its limit: that usage happened, and later requests wait for it.
 * Debt never goes below zero, so a refund cannot create burst beyond the limit.
 */
export function adjustGcra(state: GcraState | undefined, window: GcraWindow, delta: number): GcraState {
  if (!Number.isSafeInteger(delta)) throw new RangeError(`adjustGcra: delta must be a whole number, got ${delta}`);
  const current = gcraDebtAt(state, window);
  const debt = current.debt + delta * window.periodMs;
  return { at: current.at, debt: debt > 0 ? debt : 0 };
}
