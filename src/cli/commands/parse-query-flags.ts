/**
 * Query flags are parsed by the analytics functions the admin API uses; their errors name API
 * parameters (`group_by`), which this turns into the flag the user typed (`--by`), as usage errors.
 */
import type { Command } from 'commander';
import { QueryParamError } from '../../analytics/index.ts';

const FLAGS: Readonly<Record<string, string>> = { since: '--since', until: '--until', group_by: '--by', where: '--where', bucket: '--bucket' };

/** Runs `parse`; a QueryParamError exits 2 with `error: invalid --flag: reason`. */
export function parseQueryFlags<T>(command: Command, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof QueryParamError)) throw error;
    return command.error(`error: invalid ${FLAGS[error.param] ?? `--${error.param}`}: ${error.reason}`, { exitCode: 2 });
  }
}

/** Commander collector for a flag that may repeat. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
