/**
 * A BudgetStore over a better-sqlite3 connection to the ledger's file (schema: migration
 * 0004-create-budgets). Each operation is one synchronous transaction; writes take the database's
 * write lock at BEGIN (IMMEDIATE), so a reservation's read-check-write is atomic against every
 * other connection and process on the file. Nothing awaits inside a transaction, so no other code
 * of this process runs in the middle of one.
 */
import type Database from 'better-sqlite3';
import { CostOpsError } from '../../core/errors/index.ts';
import type { BudgetRow, CounterRow } from './budget-statements.ts';
import { prepareBudgetStatements } from './budget-statements.ts';
import type { BudgetStore } from '../../core/ports/index.ts';
import { counterRowState, peekCounters, recoverReservations, reserveCounters, settleReservations } from './budget-counters.ts';
import { createSeedSpend } from './seed-spend.ts';
import { deleteBudget, putBudget, syncConfigBudgets, toBudgetRecord } from './write-budget-records.ts';

/** Creates the store over an open, migrated connection; `close()` closes the connection. */
export function createSqliteBudgetStore(db: Database.Database): BudgetStore {
  const statements = prepareBudgetStatements(db);
  const context = { statements, seedSpend: createSeedSpend(db) };
  const transactions = {
    sync: db.transaction(syncConfigBudgets),
    put: db.transaction(putBudget),
    delete: db.transaction(deleteBudget),
    reserve: db.transaction(reserveCounters),
    settle: db.transaction(settleReservations),
    recover: db.transaction(recoverReservations),
    peek: db.transaction(peekCounters),
  };
  let closed = false;

  /** Runs a synchronous operation as a promise: a closed store or a SQLite error rejects. */
  function run<T>(operation: () => T): Promise<T> {
    if (closed) return Promise.reject(new CostOpsError('budget_store_unavailable', 'the budget store is closed; open a new one'));
    try {
      return Promise.resolve(operation());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  return {
    version: () => run(() => Number((statements.version.get() as { version: bigint }).version)),
    list: () => run(() => (statements.listBudgets.all() as BudgetRow[]).map(toBudgetRecord)),
    get: (name) =>
      run(() => {
        const row = statements.getBudget.get(name) as BudgetRow | undefined;
        return row && toBudgetRecord(row);
      }),
    syncConfig: (records, now) => run(() => transactions.sync.immediate(statements, records, now.getTime())),
    put: (record, mode, now) => run(() => transactions.put.immediate(statements, record, mode, now.getTime())),
    delete: (name) => run(() => transactions.delete.immediate(statements, name)),
    reserve: (requestId, lines, admittedAt, definitionsVersion) =>
      run(() => transactions.reserve.immediate(context, requestId, lines, admittedAt.getTime(), definitionsVersion)),
    settle: (requestId, actual) => run(() => transactions.settle.immediate(context, requestId, actual)),
    release: (requestId) => run(() => transactions.settle.immediate(context, requestId, null)),
    recover: () => run(() => transactions.recover.immediate(context)),
    peek: (counters) => run(() => transactions.peek.deferred(context, counters)),
    countersOf: (budget, period, periodStart) =>
      run(() => (statements.countersOf.all(budget, period, periodStart.getTime()) as CounterRow[]).map(counterRowState)),
    outstanding: () =>
      run(() => {
        const row = statements.outstanding.get() as { requests: bigint; reserved: bigint };
        return { requests: Number(row.requests), reserved: BigInt(row.reserved) };
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
