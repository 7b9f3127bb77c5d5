/** Every CLI command, registered on one program. */
import type { Command } from 'commander';
import { loadCatalog } from '../../catalog/index.ts';
import type { Clock } from '../../core/ports/index.ts';
import type { PriceCatalog } from '../../core/pricing/index.ts';
import type { Io } from '../io.ts';
import { registerEstimate } from './estimate.ts';
import { registerPrices } from './prices.ts';
import { registerServe } from './serve.ts';

export interface CliDeps {
  readonly clock: Clock;
  readonly catalog: () => PriceCatalog;
}

export const defaultCliDeps: CliDeps = {
  clock: { now: () => new Date() },
  catalog: () => loadCatalog(),
};

export function registerCommands(program: Command, io: Io, deps: CliDeps = defaultCliDeps): void {
  registerServe(program, io);
  registerEstimate(program, io, deps);
  registerPrices(program, io, deps);
}
