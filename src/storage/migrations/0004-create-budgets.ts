/**
 * Budgets (SPEC §8) live in the ledger's database like keys and idempotency records: every gateway
 * instance and the CLI on the same file share one truth about limits, spend and reservations, and
 * a budget counter can be seeded from the ledger rows beside it.
 *
 * - `budgets`: definitions by name; `definition` is the config-shaped JSON object.
 * - `budget_version`: one row whose number moves with every definition change, so a running gateway
 *   notices a change made by another process with one cheap read per request.
 * - `budget_counters`: spend and outstanding reservations per budget, scope value and period.
 * - `budget_reservations`: what each in-flight request holds on each budget's counter, so that
 *   settling or releasing it is exact, and a crash leaves a record start-up can settle.
 * Money is INTEGER nano-USD; times are epoch milliseconds, like the ledger's.
 */
import type { Kysely, Migration } from 'kysely';

export const createBudgets: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('budgets')
      .addColumn('name', 'text', (column) => column.primaryKey())
      .addColumn('source', 'text', (column) => column.notNull())
      .addColumn('definition', 'text', (column) => column.notNull())
      .addColumn('counter_basis', 'text', (column) => column.notNull())
      .addColumn('effective_from', 'bigint', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .execute();

    await db.schema
      .createTable('budget_version')
      .addColumn('id', 'integer', (column) => column.primaryKey())
      .addColumn('version', 'bigint', (column) => column.notNull())
      .execute();
    await db.insertInto('budget_version').values({ id: 1, version: 0 }).execute();

    await db.schema
      .createTable('budget_counters')
      .addColumn('budget', 'text', (column) => column.notNull())
      .addColumn('period', 'text', (column) => column.notNull())
      .addColumn('scope_key', 'text', (column) => column.notNull())
      .addColumn('period_start', 'bigint', (column) => column.notNull())
      .addColumn('period_end', 'bigint', (column) => column.notNull())
      .addColumn('spent', 'bigint', (column) => column.notNull())
      .addColumn('reserved', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('budget_counters_pk', ['budget', 'period', 'scope_key', 'period_start'])
      .execute();

    await db.schema
      .createTable('budget_reservations')
      .addColumn('request_id', 'text', (column) => column.notNull())
      .addColumn('budget', 'text', (column) => column.notNull())
      .addColumn('period', 'text', (column) => column.notNull())
      .addColumn('scope_key', 'text', (column) => column.notNull())
      .addColumn('period_start', 'bigint', (column) => column.notNull())
      .addColumn('amount', 'bigint', (column) => column.notNull())
      .addColumn('admitted_at', 'bigint', (column) => column.notNull())
      // A request spends from one counter per budget.
      .addPrimaryKeyConstraint('budget_reservations_pk', ['request_id', 'budget'])
      .execute();
  },
};
