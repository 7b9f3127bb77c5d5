/**
 * Opens the budget store that `storage.url` names, so the gateway and the CLI find the same
 * budgets: relative SQLite paths resolve against `cwd`, as the gateway resolves its ledger's.
 */
import { resolve } from 'node:path';
import { CostOpsError } from '../../core/errors/index.ts';
import type { BudgetStore } from '../../core/ports/index.ts';
import { openSqliteBudgetStore } from './open-sqlite-budget-store.ts';

export interface OpenBudgetStoreOptions {
  /** The config's `storage.url`, e.g. `sqlite:./data/costops.db`. */
  url: string;
  /** What relative paths resolve against. */
  cwd: string;
}

/** Opens (and migrates) the budget store at `storage.url`. */
export async function openBudgetStore(options: OpenBudgetStoreOptions): Promise<BudgetStore> {
  if (options.url.startsWith('sqlite:')) {
    const path = options.url.slice('sqlite:'.length);
    return openSqliteBudgetStore({ path: path === ':memory:' ? path : resolve(options.cwd, path) });
  }
  throw new CostOpsError('invalid_config', `storage.url "${options.url.split(':')[0]}:…" is not supported for budgets yet: use "sqlite:./data/costops.db"`);
}
