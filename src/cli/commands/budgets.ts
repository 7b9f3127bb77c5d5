/**
 * `costops budgets set|list|delete` (SPEC §2, §8): budgets in the store that `storage.url` names,
 * the same one the gateway reads, so a budget set here applies to a running gateway within 0.2 s (at its next reservation for
 * traffic the budget already covered),
 * and `list` shows its live spend and reservations.
 */
import type { Command } from 'commander';
import { formatUsdShort, parseUsd } from '../../core/money/index.ts';
import type { BudgetStore, Clock } from '../../core/ports/index.ts';
import { budgetRecordInput, budgetViewsToJson, listBudgetViews, parseBudgetEntry, type BudgetEntryJson } from '../../gateway/budgets/index.ts';
import { loadConfig, type Config } from '../../gateway/config/index.ts';
import { openBudgetStore } from '../../storage/index.ts';
import { renderTable } from '../format/table.ts';
import type { Io } from '../io.ts';
import { UserError } from '../user-error.ts';
import { parseScopeFlag } from './parse-scope-flag.ts';

const CONFIG_HELP = 'config file whose storage.url holds the budgets (default: costops.config.yaml|yml|json in this folder, else sqlite:./data/costops.db)';

export interface BudgetsDeps {
  readonly clock: Clock;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

interface SetOptions {
  name: string;
  scope: string;
  period: string;
  limit: string;
  action: string;
  downgradeTo?: string;
  alertAt?: string;
  blockStatus?: string;
  config?: string;
  json?: boolean;
}

export function registerBudgets(program: Command, io: Io, deps: BudgetsDeps): void {
  const budgets = program.command('budgets').description('set and list spending limits (a running gateway applies them within 0.2 s)');

  budgets
    .command('set')
    .description('create or replace a budget')
    .requiredOption('--name <name>', 'the budget\'s name (its address in the admin API)')
    .requiredOption('--scope <scope>', 'global, or dimension=value pairs ANDed: tenant, key, user, project, feature, tag=name=value; "*" = each value separately')
    .requiredOption('--period <period>', 'hour, day, week, month (calendar, in the config\'s timezone) or lifetime')
    .requiredOption('--limit <usd>', 'limit in USD, e.g. 100 or 0.25')
    .option('--action <action>', 'block, downgrade or alert-only', 'block')
    .option('--downgrade-to <model>', 'the cheaper model a downgrade budget re-routes to')
    .option('--alert-at <fractions>', 'alert when spend crosses these fractions of the limit, e.g. 0.5,0.8,1')
    .option('--block-status <status>', 'HTTP status of a block: 429 (default) or 402')
    .option('--config <file>', CONFIG_HELP)
    .option('--json', 'print the saved budget as JSON')
    .addHelpText('after', '\nExample:\n  costops budgets set --name acme-monthly --scope tenant=acme --period month --limit 100 --alert-at 0.5,0.8,1')
    .action(async (options: SetOptions) => {
      const entry = parseBudgetEntry({
        name: options.name,
        scope: parseScopeFlag(options.scope),
        period: options.period,
        limit_usd: options.limit,
        action: options.action,
        ...(options.downgradeTo !== undefined && { downgrade_to: options.downgradeTo }),
        ...(options.alertAt !== undefined && { alert_at: options.alertAt.split(',').map((fraction) => fraction.trim()) }),
        ...(options.blockStatus !== undefined && { block_status: options.blockStatus }),
      });
      const saved = await withBudgetStore(options, deps, (store) => store.put(budgetRecordInput(entry, 'api'), 'replace', deps.clock.now()));
      if (options.json) io.out(JSON.stringify({ ...saved.result.definition, source: saved.result.source }, null, 2));
      else io.out(`budget ${entry.name} saved: $${formatUsdShort(parseUsd(entry.limit_usd))} per ${entry.period}, ${entry.action}; a running gateway applies it within 0.2 s`);
    });

  budgets
    .command('list')
    .description('list budgets with live spent, reserved and remaining in the current period (one line per scope value)')
    .option('--config <file>', CONFIG_HELP)
    .option('--json', 'print JSON: [{name, scope, scope_value, period, limit_usd, spent_usd, reserved_usd, remaining_usd, period_start, period_end, action, …}]')
    .action(async (options: { config?: string; json?: boolean }) => {
      const { result: entries } = await withBudgetStore(options, deps, async (store, config) =>
        budgetViewsToJson(await listBudgetViews({ store, timeZone: config.timezone, now: deps.clock.now() })),
      );
      if (options.json) io.out(JSON.stringify(entries, null, 2));
      else if (entries.length === 0) io.out('no budgets yet: add one with `costops budgets set` or under "budgets:" in the config');
      else io.out(budgetTable(entries));
    });

  budgets
    .command('delete')
    .description('delete a budget set through the API or this command (config budgets are changed in the file)')
    .argument('<name>', 'the budget\'s name')
    .option('--config <file>', CONFIG_HELP)
    .action(async (name: string, options: { config?: string }) => {
      const { result: deleted } = await withBudgetStore(options, deps, (store) => store.delete(name));
      if (!deleted) throw new UserError(`no budget named "${name}": see \`costops budgets list\``);
      io.out(`budget ${name} deleted`);
    });
}

function budgetTable(entries: readonly BudgetEntryJson[]): string {
  const usd = (text: string) => `$${formatUsdShort(parseUsd(text))}`;
  return renderTable(
    ['name', 'scope', 'period', 'limit', 'spent', 'reserved', 'remaining', 'action', 'period ends'],
    entries.map((entry) => [
      entry.name,
      entry.scope_value ?? scopeText(entry.scope),
      entry.period,
      usd(entry.limit_usd),
      usd(entry.spent_usd),
      usd(entry.reserved_usd),
      usd(entry.remaining_usd),
      entry.action,
      entry.period_end ?? '-',
    ]),
    { rightAlign: [3, 4, 5, 6] },
  );
}

function scopeText(scope: Record<string, unknown>): string {
  return Object.entries(scope)
    .map(([dimension, value]) => (dimension === 'global' ? 'global' : `${dimension}=${String(value)}`))
    .join(',');
}

/** Loads the config, opens its budget store for one operation, and closes it. */
async function withBudgetStore<T>(options: { config?: string }, deps: BudgetsDeps, run: (store: BudgetStore, config: Config) => Promise<T>): Promise<{ result: T }> {
  const cwd = deps.cwd ?? process.cwd();
  const { config } = await loadConfig({ ...(options.config && { path: options.config }), env: deps.env ?? process.env, cwd, uses: ['storage', 'timezone'] });
  const store = await openBudgetStore({ url: config.storage.url, cwd });
  try {
    return { result: await run(store, config) };
  } finally {
    await store.close();
  }
}
