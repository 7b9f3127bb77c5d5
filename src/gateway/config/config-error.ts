import { CostOpsError } from '../../core/errors/index.ts';

/** One thing wrong with a config, located by the key path a user reads in the file. */
export interface ConfigProblem {
  /** `providers[1].kind`; empty for a problem with the file as a whole (not found, syntax). */
  readonly path: string;
  /** What is wrong and what to write instead. */
  readonly message: string;
  /** 1-based position in the file, for syntax errors. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * A config that cannot be used. It carries every problem found, not just the first, so a user
 * fixes the file in one pass; the message lists them one per line under the file's name.
 */
export class ConfigError extends CostOpsError {
  readonly problems: readonly ConfigProblem[];
  /** The file (as the user named it), or undefined for a config given as text or an object. */
  readonly source: string | undefined;

  constructor(problems: readonly ConfigProblem[], options: { source?: string | undefined; cause?: unknown } = {}) {
    super('invalid_config', formatConfigProblems(problems, options.source), {
      cause: options.cause,
      details: { problems },
    });
    this.name = 'ConfigError';
    this.problems = problems;
    this.source = options.source;
  }
}

/** `invalid config costops.config.yaml:` followed by one indented `path: message` line per problem. */
export function formatConfigProblems(problems: readonly ConfigProblem[], source?: string): string {
  const header = source === undefined ? 'invalid config:' : `invalid config ${source}:`;
  return [header, ...problems.map((problem) => `  ${formatProblem(problem)}`)].join('\n');
}

function formatProblem(problem: ConfigProblem): string {
  const where = [
    problem.line === undefined ? undefined : `line ${problem.line}, column ${problem.column ?? 1}`,
    problem.path === '' ? undefined : problem.path,
  ].filter((part) => part !== undefined);
  return where.length === 0 ? problem.message : `${where.join(' ')}: ${problem.message}`;
}
