/**
 * Opens the key store that `storage.url` names, so the gateway and the CLI find the same keys:
 * relative SQLite paths resolve against `cwd`, as the gateway resolves its ledger's.
 */
import { resolve } from 'node:path';
import { CostOpsError } from '../../core/errors/index.ts';
import type { Clock, KeyStore } from '../../core/ports/index.ts';
import { openSqliteKeyStore } from './open-sqlite-key-store.ts';

export interface OpenKeyStoreOptions {
  /** The config's `storage.url`, e.g. `sqlite:./data/costops.db`. */
  url: string;
  /** What relative paths resolve against. */
  cwd: string;
  clock?: Clock;
}

/** Opens (and migrates) the key store at `storage.url`. */
export async function openKeyStore(options: OpenKeyStoreOptions): Promise<KeyStore> {
  if (options.url.startsWith('sqlite:')) {
    const path = options.url.slice('sqlite:'.length);
    return openSqliteKeyStore({
      path: path === ':memory:' ? path : resolve(options.cwd, path),
      ...(options.clock && { clock: options.clock }),
    });
  }
  throw new CostOpsError('invalid_config', `storage.url "${options.url.split(':')[0]}:…" is not supported for virtual keys yet: use "sqlite:./data/costops.db"`);
}
