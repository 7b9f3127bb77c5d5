/**
 * `costops export`: the raw ledger as CSV or JSONL (SPEC §7, §16), page by page through the
 * cursor, so memory stays flat however large the ledger is. Rows come newest first.
 */
import { createWriteStream, openSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Option, type Command } from 'commander';
import { ledgerCsvHeader, MAX_PAGE_SIZE, parseListParams, rowsToCsv, rowsToJsonl, type LedgerRowJson } from '../../analytics/index.ts';
import type { Clock } from '../../core/ports/index.ts';
import { groupDigits } from '../format/table.ts';
import type { Io } from '../io.ts';
import { openLedgerReader, type LedgerSourceContext } from './open-ledger-reader.ts';
import { parseQueryFlags } from './parse-query-flags.ts';
import { UserError } from '../user-error.ts';

interface ExportFlags {
  format: 'csv' | 'jsonl';
  since?: string;
  until?: string;
  out?: string;
  config?: string;
  url?: string;
  adminKey?: string;
}

/** Where progress goes; written to only when it is a terminal, so scripts and pipes get clean output. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface ExportDeps {
  readonly clock: Clock;
  readonly context: () => LedgerSourceContext;
  readonly progress: () => ProgressStream;
}

export function registerExport(program: Command, io: Io, deps: ExportDeps): void {
  program
    .command('export')
    .description('export ledger rows (newest first) as CSV or JSON Lines, with the field names of GET /api/requests')
    .addOption(new Option('--format <format>', 'csv or jsonl').choices(['csv', 'jsonl']).makeOptionMandatory())
    .option('--since <time>', 'from this time, inclusive: 2026-01-31, 2026-01-31T12:00:00Z, or a time ago like 24h, 7d')
    .option('--until <time>', 'up to this time, exclusive (same forms as --since)')
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--config <file>', 'config whose storage.url names the ledger (default: ./costops.config.yaml, else sqlite:./data/costops.db)')
    .option('--url <url>', 'read from a running gateway\'s admin API instead, e.g. http://127.0.0.1:4000')
    .option('--admin-key <key>', 'admin key for --url (default: $COSTOPS_ADMIN_KEY)')
    .addHelpText('after', '\nExamples:\n  costops export --format csv --since 30d --out ledger.csv\n  costops export --format jsonl --url http://127.0.0.1:4000 | jq .cost_usd')
    .action(async (flags: ExportFlags, command: Command) => {
      const query = parseQueryFlags(command, () => parseListParams({ since: flags.since, until: flags.until }, { now: deps.clock.now() }));
      if (flags.url !== undefined && flags.config !== undefined) command.error('error: give --config (read the ledger file) or --url (ask a gateway), not both', { exitCode: 2 });
      const reader = await openLedgerReader(flags, deps.context());
      const progress = deps.progress();
      const encode = flags.format === 'csv' ? (rows: LedgerRowJson[]) => rowsToCsv(rows, { header: false }) : rowsToJsonl;
      let exported = 0;
      let sink: Sink | undefined;
      try {
        sink = flags.out === undefined ? stdoutSink(io) : fileSink(flags.out);
        if (flags.format === 'csv') await sink.write(ledgerCsvHeader());
        let cursor: string | null = null;
        do {
          const page = await reader.listRequests({ ...query, limit: MAX_PAGE_SIZE, cursor });
          if (page.data.length > 0) await sink.write(encode(page.data));
          exported += page.data.length;
          if (progress.isTTY) progress.write(`\rexported ${groupDigits(exported)} rows…`);
          cursor = page.next_cursor;
        } while (cursor !== null);
        await sink.finish();
      } catch (error) {
        sink?.abandon();
        throw error;
      } finally {
        if (progress.isTTY && exported > 0) progress.write('\n');
        await reader.close();
      }
      if (flags.out !== undefined) io.out(`exported ${groupDigits(exported)} rows to ${flags.out}`);
    });
}

interface Sink {
  write(text: string): Promise<void>;
  finish(): Promise<void>;
  abandon(): void;
}

function stdoutSink(io: Io): Sink {
  return { write: async (text) => io.out(text), finish: async () => {}, abandon: () => {} };
}

/** Writes beside the target and renames at the end, so a failed export never leaves a truncated file that looks whole. */
function fileSink(path: string): Sink {
  const partial = `${path}.partial`;
  let fd: number;
  try {
    // Opened synchronously so a bad path fails here, with its reason, before any row is read.
    fd = openSync(partial, 'w');
  } catch (error) {
    throw new UserError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} — check that its folder exists and is writable`);
  }
  const stream: WriteStream = createWriteStream('', { fd });
  let failure: Error | undefined;
  stream.on('error', (error) => (failure = error));
  return {
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async finish() {
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      if (failure) throw failure;
      renameSync(partial, path);
    },
    abandon() {
      stream.destroy();
      rmSync(partial, { force: true });
    },
  };
}
