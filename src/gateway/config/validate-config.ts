import { ConfigError, type ConfigProblem } from './config-error.ts';
import { configSchema, type Config } from './config-schema.ts';
import { describeIssue } from './describe-issue.ts';
import { interpolateEnv, type ConfigEnv } from './interpolate-env.ts';
import { issuesToProblems } from './issues-to-problems.ts';

export interface ValidateConfigOptions {
  /** Variables for `${VAR}` placeholders; a placeholder without one and without a default is an error. */
  readonly env?: ConfigEnv;
  /** The file name used in error messages. */
  readonly source?: string;
  /**
   * The config paths the caller reads (`storage`, `auth.mode`), when not all of it: a placeholder
   * elsewhere whose variable is unset is then left as written instead of being an error. A command
   * that reads the ledger does not need the providers' keys exported in its shell.
   */
  readonly uses?: readonly string[];
}

/**
 * Validates a config given as plain data (a parsed file, or an object built in a test): fills in
 * `${VAR}` placeholders, then checks it against the schema, and throws one ConfigError listing
 * every problem. Returns the config with its defaults.
 */
export function validateConfig(value: unknown, options: ValidateConfigOptions = {}): Config {
  const interpolated = interpolateEnv(value ?? {}, options.env ?? {});
  const { uses } = options;
  const placeholderProblems = uses === undefined ? interpolated.problems : interpolated.problems.filter((problem) => uses.some((path) => within(problem.path, path)));
  const result = configSchema.safeParse(withoutEmptyValues(interpolated.value), {
    error: describeIssue,
    reportInput: true,
  });
  if (result.success && placeholderProblems.length === 0) return result.data;

  // A value whose variable is missing is still the placeholder text; what validation says about it is noise.
  const unresolved = new Set(interpolated.problems.map((problem) => problem.path));
  const validationProblems = result.success ? [] : issuesToProblems(result.error.issues, configSchema);
  // A placeholder left as written outside `uses` that the schema cannot take (a number, say) is named after all.
  const rejected = new Set(validationProblems.filter((problem) => unresolved.has(problem.path)).map((problem) => problem.path));
  const problems: ConfigProblem[] = [
    ...interpolated.problems.filter((problem) => placeholderProblems.includes(problem) || rejected.has(problem.path)),
    ...validationProblems.filter((problem) => !unresolved.has(problem.path)),
  ];
  throw new ConfigError(problems, { source: options.source });
}

/** `providers[0].api_key` is within `providers`; `auth.admin_key` is not within `auth.mode`. */
function within(path: string, used: string): boolean {
  return path === used || path.startsWith(`${used}.`) || path.startsWith(`${used}[`);
}

/**
 * In YAML, `budgets:` with every entry commented out reads as null. A key with no value is treated
 * as a key not written, so it takes its default instead of failing as "not a list".
 */
function withoutEmptyValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyValues);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, withoutEmptyValues(item)]),
  );
}
