/**
 * `costops report`: a cost breakdown from the ledger (SPEC §2, §14), read from the SQLite file or
 * from a gateway's admin API with --url; the numbers and the printed bytes are the same either way.
 */
import { Option, type Command } from 'commander';
import { dimensionParamName, parseUsageParams, usageToCsv } from '../../analytics/index.ts';
import type { Clock } from '../../core/ports/index.ts';
import { renderUsageTable } from '../format/usage-table.ts';
import type { Io } from '../io.ts';
import { openLedgerReader, type LedgerSourceContext } from './open-ledger-reader.ts';
import { collect, parseQueryFlags } from './parse-query-flags.ts';

interface ReportFlags {
  since?: string;
  until?: string;
  by: string;
  where?: string[];
  bucket?: string;
  format: 'table' | 'json' | 'csv';
  config?: string;
  url?: string;
  adminKey?: string;
}

export function registerReport(program: Command, io: Io, deps: { clock: Clock; context: () => LedgerSourceContext }): void {
  program
    .command('report')
    .description('cost breakdown from the ledger: requests, every token class and exact cost per group, with a total')
    .option('--since <time>', 'from this time, inclusive: 2026-01-31, 2026-01-31T12:00:00Z, or a time ago like 24h, 7d')
    .option('--until <time>', 'up to this time, exclusive (same forms as --since)')
    .option('--by <dims>', 'group by these dimensions, comma-separated: model, feature, tenant, user, provider, status, tag.<name>, …', 'model')
    .option('--where <filter>', 'only rows where name=value (or name:value); repeat or comma-separate to AND them', collect)
    .option('--bucket <size>', 'also split by time: hour or day (UTC)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--config <file>', 'config whose storage.url names the ledger (default: ./costops.config.yaml, else sqlite:./data/costops.db)')
    .option('--url <url>', 'read from a running gateway\'s admin API instead, e.g. http://127.0.0.1:4000')
    .option('--admin-key <key>', 'admin key for --url (default: $COSTOPS_ADMIN_KEY)')
    .addHelpText('after', '\nExamples:\n  costops report --since 7d --by model,feature\n  costops report --since 2026-01-01 --until 2026-02-01 --by tenant --format csv\n  costops report --by tag.team --where env=prod --bucket day')
    .action(async (flags: ReportFlags, command: Command) => {
      const query = parseQueryFlags(command, () =>
        parseUsageParams({ since: flags.since, until: flags.until, group_by: flags.by, where: flags.where, bucket: flags.bucket }, { now: deps.clock.now() }),
      );
      if (flags.url !== undefined && flags.config !== undefined) command.error('error: give --config (read the ledger file) or --url (ask a gateway), not both', { exitCode: 2 });
      const reader = await openLedgerReader(flags, deps.context());
      try {
        const usage = await reader.usage(query);
        const groupBy = (query.groupBy ?? []).map(dimensionParamName);
        if (flags.format === 'json') io.out(JSON.stringify(usage, null, 2));
        else if (flags.format === 'csv') io.out(usageToCsv(usage, { groupBy, bucket: query.bucket !== undefined }));
        else {
          io.out(renderUsageTable(usage, { groupBy, bucket: query.bucket }));
          if (usage.total.unpriced_requests > 0) {
            io.out(`${usage.total.unpriced_requests} request(s) used a model without a price: their cost is in no sum above (give it one under prices: in the config)`);
          }
        }
      } finally {
        await reader.close();
      }
    });
}
