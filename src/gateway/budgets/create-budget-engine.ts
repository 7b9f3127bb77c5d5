/**
 * The gateway's budget engine (SPEC §8): keeps the budget definitions in memory, finds the budgets
 * and counters a request spends from in the period of its admission, and reserves its worst case on
 * all of them at once.
 *
 * Reading the store's version stamp costs a SQLite read transaction, so it is not paid on every
 * request. The definitions stay exact where it matters:
 * - a change made through `engine.store` (the admin API, this process) applies to the next request;
 * - every reservation checks, inside its own atomic step, that the definitions it was computed from
 *   are still current, and is decided again on the new ones if not: a budget changed or deleted by
 *   another process (`costops budgets set`) holds from the next reservation;
 * - a budget created by another process for traffic that had none is seen within RECHECK_MS.
 */
import {
  applicableBudgets,
  createPeriodCalculator,
  isHardBudget,
  remainingOf,
  tightestRemaining,
  type ApplicableBudget,
  type BudgetDefinition,
  type BudgetFacts,
} from '../../core/budgets/index.ts';
import type { Nanos } from '../../core/money/index.ts';
import type { BudgetCounterRef, BudgetCounterState, BudgetStore } from '../../core/ports/index.ts';
import { budgetSchema } from '../config/index.ts';
import { budgetFromConfig } from './budget-from-config.ts';
import type { BudgetThresholdHook } from './budget-threshold-event.ts';
import { createBudgetTicket, type BudgetTicket } from './budget-ticket.ts';

export interface BudgetEngineOptions {
  readonly store: BudgetStore;
  /** Config `timezone`: the calendar periods follow. */
  readonly timeZone: string;
  /** Config `fail_open`: admit requests under a hard budget when the store fails. */
  readonly failOpen: boolean;
  /** Config `reserve_output_tokens`. */
  readonly reserveOutputTokens?: number | undefined;
  /** Called for every `alert_at` fraction a settlement crosses (the alerts engine listens here). */
  readonly onThreshold?: BudgetThresholdHook | undefined;
  /** Problems the engine survives (a failed settlement, an unreadable stored budget); default: stderr. */
  readonly onError?: (error: unknown, during: string) => void;
}

/** How long the engine trusts its definitions without reading the store's version stamp, ms. */
export const RECHECK_MS = 200;

/** An applicable budget with the counter the request spends from. */
export interface BudgetHold extends ApplicableBudget {
  readonly counter: BudgetCounterRef;
  /** The definitions' version stamp this hold was computed from. */
  readonly version: number;
}

export type ReserveOutcome =
  | { readonly admitted: true; readonly ticket: BudgetTicket }
  | {
      readonly admitted: false;
      /** The budgets that could not take the amount, least remaining first, with their counters. */
      readonly refused: readonly { readonly hold: BudgetHold; readonly state: BudgetCounterState }[];
      readonly remaining: Nanos | undefined;
    }
  /** The definitions changed since the holds were computed: nothing was reserved; ask `applicable` again. */
  | { readonly admitted: false; readonly stale: true };

export interface BudgetEngine {
  readonly failOpen: boolean;
  readonly reserveOutputTokens: number | undefined;
  /** The store, for writers in this process (admin API, tests): a change through it applies to the next request. */
  readonly store: BudgetStore;
  /** Loads the definitions now; throws when the store cannot be read (start-up fails rather than run unguarded). */
  refresh(): Promise<void>;
  /**
   * The budgets a request with `facts` admitted at `at` spends from. When the store cannot be read,
   * the last known definitions answer and `error` says why (the caller decides: 503 or fail open).
   */
  applicable(facts: BudgetFacts, at: Date): Promise<{ holds: BudgetHold[]; error?: unknown }>;
  /** Reserves `amount` on every hold at once (hard budgets check their limit; alert-only ones only count). */
  reserve(requestId: string, holds: readonly BudgetHold[], amount: Nanos, at: Date): Promise<ReserveOutcome>;
}

export function createBudgetEngine(options: BudgetEngineOptions): BudgetEngine {
  const { store } = options;
  const onError = options.onError ?? ((error: unknown, during: string) => console.error(`costops: budget ${during} failed:`, error));
  const periodOf = createPeriodCalculator(options.timeZone);
  type Known = { readonly version: number; readonly definitions: BudgetDefinition[] };
  let known: Known = { version: Number.NaN, definitions: [] };
  /** performance.now() of the last version read; -Infinity: read on the next request. */
  let checkedAt = Number.NEGATIVE_INFINITY;
  const invalidate = () => void (checkedAt = Number.NEGATIVE_INFINITY);

  async function current(): Promise<Known> {
    const now = performance.now();
    if (now - checkedAt < RECHECK_MS) return known;
    const version = await store.version();
    checkedAt = now;
    if (version === known.version) return known;
    const loaded: BudgetDefinition[] = [];
    for (const record of await store.list()) {
      const parsed = budgetSchema.safeParse(record.definition);
      if (parsed.success) loaded.push(budgetFromConfig(parsed.data));
      else onError(parsed.error, `loading of budget "${record.name}" (skipped)`);
    }
    known = { version, definitions: loaded };
    return known;
  }

  function holdsFor({ version, definitions }: Known, facts: BudgetFacts, at: Date): BudgetHold[] {
    return applicableBudgets(definitions, facts).map((budget) => {
      const span = periodOf(budget.definition.period, at);
      const counter = { budget: budget.definition.name, period: budget.definition.period, scopeKey: budget.match.key, periodStart: span.start, periodEnd: span.end, filter: budget.match.filter };
      return { ...budget, counter, version };
    });
  }

  return {
    failOpen: options.failOpen,
    reserveOutputTokens: options.reserveOutputTokens,
    store: invalidatingStore(store, invalidate),
    refresh: async () => {
      invalidate();
      await current();
    },
    async applicable(facts, at) {
      try {
        return { holds: holdsFor(await current(), facts, at) };
      } catch (error) {
        invalidate();
        return { holds: holdsFor(known, facts, at), error };
      }
    },
    async reserve(requestId, holds, amount, at) {
      const lines = holds.map((hold) => ({ counter: hold.counter, amount, limit: isHardBudget(hold.definition) ? hold.definition.limitUsd : null }));
      const result = await store.reserve(requestId, lines, at, holds[0]?.version);
      if (result.stale) {
        invalidate();
        return { admitted: false, stale: true };
      }
      const seen = holds.flatMap((hold, index) => {
        const state = result.lines[index];
        return state ? [{ hold, state }] : [];
      });
      if (result.admitted) {
        const ticket = createBudgetTicket({ store, requestId, reservedUsd: amount, holds: seen.map(({ hold, state }) => ({ budget: hold, state })), onThreshold: options.onThreshold, onError });
        return { admitted: true, ticket };
      }
      const balance = ({ hold, state }: (typeof seen)[number]) => ({ limit: hold.definition.limitUsd, spent: state.spent, reserved: state.reserved });
      const refused = seen.filter(({ state }) => state.refused).sort((a, b) => (remainingOf(balance(a)) < remainingOf(balance(b)) ? -1 : 1));
      return { admitted: false, refused, remaining: tightestRemaining(seen.map(balance)) };
    },
  };
}

/** The store with every definition write marking the engine's definitions for a reload. */
function invalidatingStore(store: BudgetStore, invalidate: () => void): BudgetStore {
  const after = async <T>(write: Promise<T>): Promise<T> => {
    try {
      return await write;
    } finally {
      invalidate();
    }
  };
  return {
    ...store,
    syncConfig: (records, now) => after(store.syncConfig(records, now)),
    put: (record, mode, now) => after(store.put(record, mode, now)),
    delete: (name) => after(store.delete(name)),
  };
}
