/**
 * The budget port (SPEC §8): budget definitions, one counter per (budget, scope value, period)
 * holding what was spent and what is reserved, and one reservation record per request and budget
 * so settlement and release are exact and survive a crash.
 *
 * `reserve` is the guarantee: one atomic step across every counter a request spends from, which
 * either adds the amount to all of them (each staying within its limit) or to none. Adapters make
 * it atomic in their own way (a SQLite IMMEDIATE transaction, a Postgres row lock, a Redis script).
 */
import type { BudgetPeriod, ScopeFilter } from '../budgets/index.ts';
import type { Nanos } from '../money/index.ts';

export type BudgetSource = 'config' | 'api';

/** A budget definition as stored. `definition` is the config-shaped object (opaque to the store). */
export interface BudgetRecord {
  readonly name: string;
  readonly source: BudgetSource;
  readonly definition: Readonly<Record<string, unknown>>;
  /**
   * What the budget's counters count (its scope and period, canonically written). When it changes,
   * spending is counted anew from `effectiveFrom`.
   */
  readonly counterBasis: string;
  /** Since when requests reserve against the budget; spend before it is taken from the ledger. */
  readonly effectiveFrom: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type BudgetRecordInput = Pick<BudgetRecord, 'name' | 'source' | 'definition' | 'counterBasis'>;

/**
 * `create` fails on an existing name, `update` on a missing one, `replace` does either. A budget
 * from the config file cannot be written through the API (the next start would undo it).
 */
export type BudgetWriteMode = 'create' | 'update' | 'replace';

/** Identifies one counter. */
export interface BudgetCounterKey {
  readonly budget: string;
  readonly period: BudgetPeriod;
  /** The scope value, e.g. "user=alice" ("global" for a global budget). */
  readonly scopeKey: string;
  readonly periodStart: Date;
}

/** A counter as a request names it: enough to create it, seeded from the ledger, when it is new. */
export interface BudgetCounterRef extends BudgetCounterKey {
  readonly periodEnd: Date;
  /** The ledger rows this counter covers, for seeding a budget created mid-period. */
  readonly filter: ScopeFilter;
}

export interface BudgetCounterState extends BudgetCounterKey {
  readonly periodEnd: Date;
  readonly spent: Nanos;
  readonly reserved: Nanos;
}

export interface BudgetReserveLine {
  readonly counter: BudgetCounterRef;
  readonly amount: Nanos;
  /** null: count without checking (alert-only budgets). */
  readonly limit: Nanos | null;
}

export interface BudgetReserveResult {
  /** True when every line was reserved; false when none was. */
  readonly admitted: boolean;
  /**
   * One per line, in order: the counter after the reservation (or as it stood, when refused), with
   * `refused` set on the lines that could not take their amount. null for a line whose budget no
   * longer exists (deleted meanwhile): it is skipped.
   */
  readonly lines: readonly ((BudgetCounterState & { readonly refused: boolean }) | null)[];
  /**
   * Set (with `admitted: false` and no lines) when `definitionsVersion` was given and the
   * definitions changed since: nothing was reserved; reload the definitions and decide again.
   */
  readonly stale?: true;
}

/** A counter after a settlement or release, with its spend before it (for threshold crossings). */
export interface BudgetCounterChange extends BudgetCounterState {
  readonly spentBefore: Nanos;
}

export interface BudgetStore {
  /** A stamp that changes whenever a definition changes, in any process. */
  version(): Promise<number>;
  /** Every definition, by name. */
  list(): Promise<BudgetRecord[]>;
  get(name: string): Promise<BudgetRecord | undefined>;
  /** Makes the config's budgets the `config` ones: upserts these, deletes config budgets no longer listed. */
  syncConfig(records: readonly BudgetRecordInput[], now: Date): Promise<void>;
  /** Writes an API budget (see BudgetWriteMode); throws CostOpsError conflict / not_found. */
  put(record: BudgetRecordInput, mode: BudgetWriteMode, now: Date): Promise<BudgetRecord>;
  /** Deletes an API budget with its counters and reservations; false when there is none. */
  delete(name: string): Promise<boolean>;

  /**
   * Reserves `amount` on every line's counter atomically, or on none (see BudgetReserveResult).
   * With `definitionsVersion` (the `version()` the lines were computed from), the same atomic step
   * first checks that the definitions are still at that version, and answers `stale` if not.
   */
  reserve(requestId: string, lines: readonly BudgetReserveLine[], admittedAt: Date, definitionsVersion?: number): Promise<BudgetReserveResult>;
  /**
   * Moves the request's reservations to spent as `actual` (in the counters of the period it was
   * admitted in) and deletes them. A second call, or one after release, changes nothing.
   */
  settle(requestId: string, actual: Nanos): Promise<BudgetCounterChange[]>;
  /** Drops the request's reservations without spending. Idempotent like settle. */
  release(requestId: string): Promise<BudgetCounterChange[]>;
  /**
   * Settles reservations left by a dead process at what the ledger says their requests cost
   * (a row recovered as unknown_outcome costs its reservation; a missing row costs nothing).
   * Run once at start, after the ledger's own recovery. Returns how many requests it settled.
   */
  recover(): Promise<number>;

  /** The counters as they stand, without creating any: a missing one reads as what it would be seeded with. */
  peek(counters: readonly BudgetCounterRef[]): Promise<BudgetCounterState[]>;
  /** The counters of a budget's period that exist (one per scope value seen in it). */
  countersOf(budget: string, period: BudgetPeriod, periodStart: Date): Promise<BudgetCounterState[]>;
  /** Reserved amounts outstanding across all counters (0 when traffic has stopped). */
  outstanding(): Promise<{ requests: number; reserved: Nanos }>;
  close(): Promise<void>;
}
