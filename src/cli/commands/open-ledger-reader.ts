/**
 * Where `report` and `export` read the ledger: the SQLite file named by the config's storage.url
 * (the gateway need not run), or a running gateway's admin API with --url. Both give a
 * LedgerReader with the same JSON, so the output does not depend on the path taken.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { adminApiReader, storeLedgerReader, type LedgerReader } from '../../analytics/index.ts';
import { loadConfig } from '../../gateway/config/index.ts';
import { openSqliteLedgerStore } from '../../storage/index.ts';
import { UserError } from '../user-error.ts';

export interface LedgerSourceFlags {
  readonly config?: string;
  readonly url?: string;
  readonly adminKey?: string;
}

export interface LedgerSourceContext {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** Opens the reader the flags ask for; the caller closes it. */
export async function openLedgerReader(flags: LedgerSourceFlags, context: LedgerSourceContext): Promise<LedgerReader> {
  if (flags.url !== undefined) {
    if (!/^https?:\/\/[^/]/.test(flags.url)) throw new UserError(`--url must be the gateway's http(s) URL, e.g. http://127.0.0.1:4000 (got "${flags.url}")`);
    return adminApiReader({ url: flags.url, adminKey: flags.adminKey ?? context.env.COSTOPS_ADMIN_KEY });
  }
  const { config } = await loadConfig({ path: flags.config, env: context.env, cwd: context.cwd, uses: ['storage'] });
  const url = config.storage.url;
  if (!url.startsWith('sqlite:')) {
    throw new UserError('this command reads only a SQLite ledger directly: pass --url of a running gateway to read other stores');
  }
  const path = url.slice('sqlite:'.length);
  const absolute = resolve(context.cwd, path);
  // Opening would create an empty ledger and report nothing; a missing file is a mistake to name.
  if (path === ':memory:' || !existsSync(absolute)) {
    throw new UserError(`no ledger at ${path} — start the gateway with \`costops serve\` first or pass --config`);
  }
  return storeLedgerReader(await openSqliteLedgerStore({ path: absolute }), { closeStore: true });
}
