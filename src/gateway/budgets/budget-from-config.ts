/**
 * Budgets cross from their config shape (snake_case, decimal strings; what the file, the admin API
 * and the CLI speak) to the domain's BudgetDefinition here, and into the store as records.
 */
import type { BudgetDefinition } from '../../core/budgets/index.ts';
import { CostOpsError } from '../../core/errors/index.ts';
import { parseUsd } from '../../core/money/index.ts';
import type { BudgetRecordInput, BudgetSource } from '../../core/ports/index.ts';
import { budgetSchema, validateEntry, type BudgetConfig } from '../config/index.ts';

export function budgetFromConfig(entry: BudgetConfig): BudgetDefinition {
  return {
    name: entry.name,
    scope: entry.scope,
    period: entry.period,
    limitUsd: parseUsd(entry.limit_usd),
    alertAt: entry.alert_at,
    action: entry.action,
    ...(entry.downgrade_to !== undefined && { downgradeTo: entry.downgrade_to }),
    blockStatus: entry.block_status,
  };
}

/**
 * What a budget's counters count, written canonically: a change of scope or period starts them
 * anew; a change of limit, action or thresholds does not.
 */
export function counterBasis(entry: Pick<BudgetConfig, 'scope' | 'period'>): string {
  const scope = Object.entries(entry.scope)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([dimension, value]) => `${dimension}=${String(value)}`);
  return `${scope.join(',')}|${entry.period}`;
}

export function budgetRecordInput(entry: BudgetConfig, source: BudgetSource): BudgetRecordInput {
  return { name: entry.name, source, definition: entry as unknown as Record<string, unknown>, counterBasis: counterBasis(entry) };
}

/**
 * Validates a budget given through the API or the CLI with the config's own schema; a problem is a
 * 400 `invalid_request` naming each bad field.
 */
export function parseBudgetEntry(value: unknown): BudgetConfig {
  const result = validateEntry(budgetSchema, value);
  if (result.ok) return result.value;
  const described = result.problems.map((problem) => (problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`));
  throw new CostOpsError('invalid_request', `invalid budget: ${described.join('; ')}`, { details: { problems: result.problems } });
}
