/**
 * Opens the alert history that `storage.url` names, beside the ledger: relative SQLite paths
 * resolve against `cwd`, as the gateway resolves its ledger's.
 */
import { resolve } from 'node:path';
import { CostOpsError } from '../../core/errors/index.ts';
import type { AlertHistoryStore } from '../../core/ports/index.ts';
import { openSqliteAlertHistoryStore } from './open-sqlite-alert-history-store.ts';

export interface OpenAlertHistoryStoreOptions {
  /** The config's `storage.url`, e.g. `sqlite:./data/costops.db`. */
  url: string;
  /** What relative paths resolve against. */
  cwd: string;
}

/** Opens (and migrates) the alert history at `storage.url`. */
export async function openAlertHistoryStore(options: OpenAlertHistoryStoreOptions): Promise<AlertHistoryStore> {
  if (options.url.startsWith('sqlite:')) {
    const path = options.url.slice('sqlite:'.length);
    return openSqliteAlertHistoryStore({ path: path === ':memory:' ? path : resolve(options.cwd, path) });
  }
  throw new CostOpsError('invalid_config', `storage.url "${options.url.split(':')[0]}:…" is not supported for alert history yet: use "sqlite:./data/costops.db"`);
}
