/** Every CLI command, registered on one program. */
import type { Command } from 'commander';
import { loadCatalog } from '../../catalog/index.ts';
import type { Clock } from '../../core/ports/index.ts';
import type { PriceCatalog } from '../../core/pricing/index.ts';
import type { Io } from '../io.ts';
import { registerEstimate } from './estimate.ts';
import { registerKeys } from './keys.ts';
import { registerBudgets } from './budgets.ts';
import { registerPrices } from './prices.ts';
import { registerServe } from './serve.ts';
import { registerReport } from './report.ts';
import { registerExport, type ProgressStream } from './export.ts';

export interface CliDeps {
  readonly clock: Clock;
  readonly catalog: () => PriceCatalog;
  /** Environment and working directory of commands that read config or the ledger (default: the process's). */
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Where long commands show progress, when it is a TTY (default: process.stderr). */
  readonly progress?: ProgressStream;
}

export const defaultCliDeps: CliDeps = {
  clock: { now: () => new Date() },
  catalog: () => loadCatalog(),
};

export function registerCommands(program: Command, io: Io, deps: CliDeps = defaultCliDeps): void {
  registerServe(program, io);
  registerEstimate(program, io, deps);
  registerPrices(program, io, deps);
  registerKeys(program, io, deps);
  registerBudgets(program, io, deps);
  const context = () => ({ env: deps.env ?? process.env, cwd: deps.cwd ?? process.cwd() });
  registerReport(program, io, { clock: deps.clock, context });
  registerExport(program, io, { clock: deps.clock, context, progress: () => deps.progress ?? process.stderr });
}
