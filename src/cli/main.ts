/**
 * The costops command line: one commander program, each command in its own module.
 * Exit codes (SPEC §2): 0 success, 1 user error with a one-line reason, 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { isCostOpsError } from '../core/errors/index.ts';
import { processIo, type Io } from './io.ts';
import { UserError } from './user-error.ts';
import { defaultCliDeps, registerCommands, type CliDeps } from './commands/index.ts';

export const EXIT_OK = 0;
export const EXIT_USER_ERROR = 1;
export const EXIT_USAGE_ERROR = 2;

/** Builds the program; `io` receives all output so tests can capture it. */
export function buildProgram(io: Io, deps: CliDeps = defaultCliDeps): Command {
  const program = new Command('costops')
    .description('Self-hosted LLM cost operations: exact tokens, exact money, budgets that hold.')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => io.out(text.replace(/\n$/, '')), writeErr: (text) => io.err(text.replace(/\n$/, '')) })
    .exitOverride();
  registerCommands(program, io, deps);
  for (const command of program.commands) command.exitOverride().configureOutput(program.configureOutput());
  return program;
}

const VERSION = '0.1.0';

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo, deps: CliDeps = defaultCliDeps): Promise<number> {
  const program = buildProgram(io, deps);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}

function exitCodeFor(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // help and version arrive here as "errors" with exit code 0
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE_ERROR;
  }
  if (error instanceof UserError || isCostOpsError(error)) {
    io.err(`costops: ${error.message}`);
    return EXIT_USER_ERROR;
  }
  io.err(`costops: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT_USER_ERROR;
}
