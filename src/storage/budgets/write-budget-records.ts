/**
 * Definition writes, each run inside one IMMEDIATE transaction by the store. Every change moves
 * `budget_version`, which is how a running gateway (in this or another process) notices it.
 */
import { CostOpsError } from '../../core/errors/index.ts';
import type { BudgetRecord, BudgetRecordInput, BudgetSource, BudgetWriteMode } from '../../core/ports/index.ts';
import type { BudgetRow, BudgetStatements } from './budget-statements.ts';

export function toBudgetRecord(row: BudgetRow): BudgetRecord {
  return {
    name: row.name,
    source: row.source as BudgetSource,
    definition: JSON.parse(row.definition) as Record<string, unknown>,
    counterBasis: row.counter_basis,
    effectiveFrom: new Date(Number(row.effective_from)),
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/** Inserts or updates one definition; false when nothing changed. A new counter basis restarts counting. */
function write(statements: BudgetStatements, input: BudgetRecordInput, existing: BudgetRow | undefined, nowMs: number): boolean {
  const definition = JSON.stringify(input.definition);
  if (existing === undefined) {
    statements.insertBudget.run(input.name, input.source, definition, input.counterBasis, nowMs, nowMs, nowMs);
    return true;
  }
  const sameBasis = existing.counter_basis === input.counterBasis;
  if (sameBasis && existing.definition === definition && existing.source === input.source) return false;
  // Counters of another scope or period count other traffic: they go, and the new ones are seeded from the ledger.
  if (!sameBasis) dropCounters(statements, input.name);
  statements.updateBudget.run(input.source, definition, input.counterBasis, sameBasis ? existing.effective_from : nowMs, nowMs, input.name);
  return true;
}

function dropCounters(statements: BudgetStatements, name: string): void {
  statements.deleteCountersOf.run(name);
  // In-flight requests lose their reservation on this budget; their settlement then skips it.
  statements.deleteReservationsOf.run(name);
}

/** Makes `records` the config's budgets. */
export function syncConfigBudgets(statements: BudgetStatements, records: readonly BudgetRecordInput[], nowMs: number): void {
  let changed = false;
  const listed = new Set(records.map((record) => record.name));
  for (const record of records) {
    const existing = statements.getBudget.get(record.name) as BudgetRow | undefined;
    // The config file wins over an API budget of the same name: it is what the operator wrote.
    changed = write(statements, { ...record, source: 'config' }, existing, nowMs) || changed;
  }
  for (const row of statements.listBudgets.all() as BudgetRow[]) {
    if (row.source !== 'config' || listed.has(row.name)) continue;
    statements.deleteBudget.run(row.name);
    dropCounters(statements, row.name);
    changed = true;
  }
  if (changed) statements.bumpVersion.run();
}

/** Writes an API budget; refuses to touch one from the config file. */
export function putBudget(statements: BudgetStatements, record: BudgetRecordInput, mode: BudgetWriteMode, nowMs: number): BudgetRecord {
  const existing = statements.getBudget.get(record.name) as BudgetRow | undefined;
  if (existing?.source === 'config') throw fromConfig(record.name);
  if (mode === 'create' && existing) throw new CostOpsError('conflict', `a budget named "${record.name}" already exists; change it with PATCH /api/budgets/${record.name} or choose another name`);
  if (mode === 'update' && !existing) throw new CostOpsError('not_found', `no budget named "${record.name}"; create it with POST /api/budgets`);
  if (write(statements, record, existing, nowMs)) statements.bumpVersion.run();
  return toBudgetRecord(statements.getBudget.get(record.name) as BudgetRow);
}

/** Deletes an API budget with its counters and reservations. */
export function deleteBudget(statements: BudgetStatements, name: string): boolean {
  const existing = statements.getBudget.get(name) as BudgetRow | undefined;
  if (!existing) return false;
  if (existing.source === 'config') throw fromConfig(name);
  statements.deleteBudget.run(name);
  dropCounters(statements, name);
  statements.bumpVersion.run();
  return true;
}

function fromConfig(name: string): CostOpsError {
  return new CostOpsError('conflict', `budget "${name}" is defined in the config file; change it there (the gateway applies the file at start)`);
}
