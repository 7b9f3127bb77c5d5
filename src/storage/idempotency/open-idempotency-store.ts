/**
 * Opens the idempotency store that `storage.url` names, beside the ledger: relative SQLite paths
 * resolve against `cwd`, as the gateway resolves its ledger's.
 */
import { resolve } from 'node:path';
import { CostOpsError } from '../../core/errors/index.ts';
import type { IdempotencyStore } from '../../core/ports/index.ts';
import { openSqliteIdempotencyStore, type SqliteIdempotencyStoreOptions } from './open-sqlite-idempotency-store.ts';

export interface OpenIdempotencyStoreOptions extends Omit<SqliteIdempotencyStoreOptions, 'path'> {
  /** The config's `storage.url`, e.g. `sqlite:./data/costops.db`. */
  url: string;
  /** What relative paths resolve against. */
  cwd: string;
}

/** Opens (and migrates) the idempotency store at `storage.url`. */
export async function openIdempotencyStore(options: OpenIdempotencyStoreOptions): Promise<IdempotencyStore> {
  const { url, cwd, ...tuning } = options;
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    return openSqliteIdempotencyStore({ path: path === ':memory:' ? path : resolve(cwd, path), ...tuning });
  }
  throw new CostOpsError('invalid_config', `storage.url "${url.split(':')[0]}:…" is not supported for idempotency keys yet: use "sqlite:./data/costops.db"`);
}
