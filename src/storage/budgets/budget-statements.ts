/**
 * The budget store's SQL, prepared once per connection. Plain SQL rather than Kysely: every
 * statement runs inside one synchronous better-sqlite3 transaction, which Kysely's async driver
 * could not keep free of interleaving.
 */
import type Database from 'better-sqlite3';

const COUNTER_KEY = 'budget = ? and period = ? and scope_key = ? and period_start = ?';

/** Every fixed statement of the store. */
export function prepareBudgetStatements(db: Database.Database) {
  const prepare = (sql: string) => db.prepare(sql);
  return {
    version: prepare('select version from budget_version where id = 1'),
    bumpVersion: prepare('update budget_version set version = version + 1 where id = 1'),
    listBudgets: prepare('select * from budgets order by name'),
    getBudget: prepare('select * from budgets where name = ?'),
    insertBudget: prepare(
      'insert into budgets (name, source, definition, counter_basis, effective_from, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
    ),
    updateBudget: prepare('update budgets set source = ?, definition = ?, counter_basis = ?, effective_from = ?, updated_at = ? where name = ?'),
    deleteBudget: prepare('delete from budgets where name = ?'),
    deleteCountersOf: prepare('delete from budget_counters where budget = ?'),
    deleteReservationsOf: prepare('delete from budget_reservations where budget = ?'),
    getCounter: prepare(`select spent, reserved, period_end from budget_counters where ${COUNTER_KEY}`),
    insertCounter: prepare(
      'insert into budget_counters (budget, period, scope_key, period_start, period_end, spent, reserved) values (?, ?, ?, ?, ?, ?, 0)',
    ),
    addReserved: prepare(`update budget_counters set reserved = reserved + ? where ${COUNTER_KEY}`),
    insertReservation: prepare(
      'insert into budget_reservations (request_id, budget, period, scope_key, period_start, amount, admitted_at) values (?, ?, ?, ?, ?, ?, ?)',
    ),
    reservationsOf: prepare('select budget, period, scope_key, period_start, amount from budget_reservations where request_id = ? order by budget'),
    moveReservation: prepare(
      `update budget_counters set spent = spent + ?, reserved = reserved - ? where ${COUNTER_KEY} returning spent, reserved, period_end`,
    ),
    deleteReservationsFor: prepare('delete from budget_reservations where request_id = ?'),
    countersOf: prepare('select * from budget_counters where budget = ? and period = ? and period_start = ? order by scope_key'),
    outstanding: prepare(
      'select (select count(distinct request_id) from budget_reservations) as requests, (select coalesce(sum(reserved), 0) from budget_counters) as reserved',
    ),
    pendingRequests: prepare('select request_id, min(admitted_at) as admitted_at from budget_reservations group by request_id'),
    // A request's rows carry its reservation id as operation_id; recovery reads what they cost.
    ledgerCosts: prepare(
      'select operation_id, sum(coalesce(cost_usd, 0)) as cost from ledger_requests where started_at >= ? and operation_id in (select value from json_each(?)) group by operation_id',
    ),
  };
}

export type BudgetStatements = ReturnType<typeof prepareBudgetStatements>;

/** A `budgets` row as better-sqlite3 returns it (integers as bigint). */
export interface BudgetRow {
  name: string;
  source: string;
  definition: string;
  counter_basis: string;
  effective_from: bigint;
  created_at: bigint;
  updated_at: bigint;
}

/** A `budget_counters` row. */
export interface CounterRow {
  budget: string;
  period: string;
  scope_key: string;
  period_start: bigint;
  period_end: bigint;
  spent: bigint;
  reserved: bigint;
}

/** A `budget_reservations` row as `reservationsOf` reads it. */
export interface ReservationRow {
  budget: string;
  period: string;
  scope_key: string;
  period_start: bigint;
  amount: bigint;
}
