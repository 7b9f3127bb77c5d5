import type { ConfigProblem } from './config-error.ts';
import { formatConfigPath } from './format-config-path.ts';

/** The environment as `process.env` presents it; passed in, never read from the process here. */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

export interface InterpolationResult {
  readonly value: unknown;
  /** One problem per value that names an unset variable or writes a malformed placeholder. */
  readonly problems: ConfigProblem[];
}

// `$${` is an escaped literal `${`; `${…}` a placeholder; a `${` with no `}` is a mistake.
const PLACEHOLDER = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const NAME_AND_DEFAULT = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value of a parsed config (keys are left
 * alone). As in a shell, the default applies when the variable is unset or empty. A value with a
 * problem is left as written, so validation still checks the rest of the file.
 */
export function interpolateEnv(value: unknown, env: ConfigEnv): InterpolationResult {
  const problems: ConfigProblem[] = [];
  const visit = (node: unknown, path: PropertyKey[]): unknown => {
    if (typeof node === 'string') return interpolateString(node, path);
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index]));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, visit(item, [...path, key])]));
    }
    return node;
  };

  const interpolateString = (text: string, path: PropertyKey[]): string => {
    if (!text.includes('${')) return text;
    const before = problems.length;
    const replaced = text.replace(PLACEHOLDER, (match: string, inner: string | undefined) => {
      if (match === '$${') return '${';
      const parsed = inner === undefined ? null : NAME_AND_DEFAULT.exec(inner);
      if (!parsed) {
        problems.push({
          path: formatConfigPath(path),
          message: `malformed placeholder "${match}" — write \${NAME} or \${NAME:-default} (or $\${ for a literal \${)`,
        });
        return match;
      }
      const [, name = '', fallback] = parsed;
      const set = Object.hasOwn(env, name) ? env[name] : undefined;
      if (fallback !== undefined) return set === undefined || set === '' ? fallback : set;
      if (set !== undefined) return set;
      const what = /key$/i.test(String(path.at(-1) ?? '')) ? 'key' : 'value';
      problems.push({
        path: formatConfigPath(path),
        message: `environment variable ${name} is not set — export it or write the ${what} in the file`,
      });
      return match;
    });
    return problems.length > before ? text : replaced;
  };

  return { value: visit(value, []), problems };
}
