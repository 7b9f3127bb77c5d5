/**
 * `costops keys create|list|revoke` (SPEC §2, §4, §18): virtual keys in the store that
 * `storage.url` names, the same one the gateway reads on every request, so a key created or
 * revoked here takes effect for a running gateway at once.
 */
import type { Command } from 'commander';
import type { Clock, KeyStore, VirtualKeyRecord } from '../../core/ports/index.ts';
import { loadConfig } from '../../gateway/config/index.ts';
import { openKeyStore } from '../../storage/index.ts';
import type { Io } from '../io.ts';
import { UserError } from '../user-error.ts';
import { renderTable } from '../format/table.ts';

const CONFIG_HELP = 'config file whose storage.url holds the keys (default: costops.config.yaml|yml|json in this folder, else sqlite:./data/costops.db)';

/** What the commands need from outside: the clock stamps times; env and cwd default to the process's. */
export interface KeysDeps {
  readonly clock: Clock;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

interface CommonOptions {
  config?: string;
  json?: boolean;
}

export function registerKeys(program: Command, io: Io, deps: KeysDeps): void {
  const keys = program.command('keys').description('create, list and revoke virtual keys (what clients send instead of provider keys)');

  keys
    .command('create')
    .description('create a key for a tenant; prints it once: only its hash is kept')
    .requiredOption('--tenant <tenant>', 'tenant the key spends for')
    .option('--user <user>', 'user recorded on its requests unless x-costops-user says otherwise')
    .option('--name <name>', 'a label to recognise the key by (e.g. ci, search-backend)')
    .option('--project <project>', 'project recorded on its requests')
    .option('--feature <feature>', 'feature recorded on its requests')
    .option('--config <file>', CONFIG_HELP)
    .option('--json', 'print JSON: {id, key, prefix, tenant, user, name, project, feature, created_at}')
    .addHelpText('after', '\nExample:\n  costops keys create --tenant acme --user bob --name ci')
    .action(async (options: CommonOptions & { tenant: string; user?: string; name?: string; project?: string; feature?: string }) => {
      const { authOff, result } = await withKeyStore(options, deps, (store) =>
        store.create({ tenant: options.tenant, user: options.user, name: options.name, project: options.project, feature: options.feature }),
      );
      if (options.json) {
        const { revoked_at: _revokedAt, ...fields } = recordJson(result);
        io.out(JSON.stringify({ id: result.id, key: result.key, ...fields }, null, 2));
      } else {
        io.out(result.key);
        io.out(`id ${result.id}, tenant ${result.tenant}${result.user ? `, user ${result.user}` : ''}${result.name ? `, name ${result.name}` : ''}`);
      }
      io.err('warning: this is the only time the key is shown — store it now; costops keeps only its hash');
      if (authOff) io.err('note: auth.mode is "off", so the gateway ignores keys: set auth.mode: keys (and auth.admin_key) to require them');
    });

  keys
    .command('list')
    .description('list keys (never their secrets): id, prefix, tenant, user, name, created, revoked')
    .option('--tenant <tenant>', 'only this tenant\'s keys')
    .option('--config <file>', CONFIG_HELP)
    .option('--json', 'print JSON: [{id, prefix, tenant, user, name, project, feature, created_at, revoked_at}]')
    .action(async (options: CommonOptions & { tenant?: string }) => {
      const { result } = await withKeyStore(options, deps, (store) => store.list(options.tenant === undefined ? {} : { tenant: options.tenant }));
      if (options.json) {
        io.out(JSON.stringify(result.map((record) => ({ id: record.id, ...recordJson(record) })), null, 2));
        return;
      }
      if (result.length === 0) {
        io.out(options.tenant === undefined ? 'no keys yet: create one with `costops keys create --tenant NAME`' : `no keys for tenant ${options.tenant}`);
        return;
      }
      io.out(
        renderTable(
          ['id', 'prefix', 'tenant', 'user', 'name', 'created', 'revoked'],
          result.map((record) => [
            record.id,
            `${record.prefix}…`,
            record.tenant,
            record.user ?? '-',
            record.name ?? '-',
            record.createdAt.toISOString(),
            record.revokedAt?.toISOString() ?? '-',
          ]),
        ),
      );
    });

  keys
    .command('revoke')
    .description('revoke a key: the next request that presents it gets 401, also on a running gateway')
    .argument('<id-or-prefix>', 'the key\'s id (key_…) or prefix (co-sk-…) as `costops keys list` shows it, or the key itself')
    .option('--config <file>', CONFIG_HELP)
    .option('--json', 'print the revoked key as JSON')
    .action(async (reference: string, options: CommonOptions) => {
      const asked = deps.clock.now();
      const { result: revoked } = await withKeyStore(options, deps, (store) => store.revoke(reference));
      // A pasted plaintext key is echoed only by its prefix: error output ends up in logs.
      const shown = reference.startsWith('co-sk-') && reference.length > 20 ? `${reference.slice(0, 14)}…` : reference;
      if (revoked === undefined) throw new UserError(`no key with id or prefix "${shown}": see \`costops keys list\``);
      if (options.json) io.out(JSON.stringify({ id: revoked.id, ...recordJson(revoked) }, null, 2));
      // revoke() is idempotent and keeps the first time, so an earlier time means someone else got there first.
      else if (revoked.revokedAt !== null && revoked.revokedAt < asked) io.out(`${revoked.id} (${revoked.prefix}…) was already revoked at ${revoked.revokedAt.toISOString()}`);
      else io.out(`revoked ${revoked.id} (${revoked.prefix}…) of tenant ${revoked.tenant}: requests with it now get 401`);
    });
}

/** Loads the config, opens its key store for one operation, and closes it. */
async function withKeyStore<T>(options: CommonOptions, deps: KeysDeps, run: (store: KeyStore) => Promise<T>): Promise<{ result: T; authOff: boolean }> {
  const cwd = deps.cwd ?? process.cwd();
  const { config } = await loadConfig({ ...(options.config && { path: options.config }), env: deps.env ?? process.env, cwd, uses: ['storage', 'auth.mode'] });
  const store = await openKeyStore({ url: config.storage.url, cwd, clock: deps.clock });
  try {
    return { result: await run(store), authOff: config.auth.mode === 'off' };
  } finally {
    await store.close();
  }
}

/** A record in the snake_case JSON the CLI prints (never the key). */
function recordJson(record: VirtualKeyRecord) {
  return {
    prefix: record.prefix,
    tenant: record.tenant,
    user: record.user,
    name: record.name,
    project: record.project,
    feature: record.feature,
    created_at: record.createdAt.toISOString(),
    revoked_at: record.revokedAt?.toISOString() ?? null,
  };
}
