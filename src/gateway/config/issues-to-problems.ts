import type { z } from 'zod';
import type { ConfigProblem } from './config-error.ts';
import { formatConfigPath } from './format-config-path.ts';
import { knownKeysAt } from './known-keys-at.ts';
import { suggest } from './suggest.ts';

/**
 * Turns zod's issues into config problems, one per bad key. Unknown keys arrive as one issue per
 * object; each is reported at its own path, with the key the user most likely meant.
 */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], schema: z.core.$ZodType): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') {
      problems.push({ path: formatConfigPath(issue.path), message: issue.message });
      continue;
    }
    const known = knownKeysAt(schema, issue.path);
    for (const key of issue.keys) {
      problems.push({ path: formatConfigPath([...issue.path, key]), message: describeUnknownKey(key, known) });
    }
  }
  return problems;
}

function describeUnknownKey(key: string, known: readonly string[]): string {
  const hint = suggest(key, known);
  if (hint !== undefined) return `unknown key — did you mean "${hint}"?`;
  if (known.length === 0) return 'unknown key — remove it';
  return `unknown key — the keys here are ${known.join(', ')}`;
}
