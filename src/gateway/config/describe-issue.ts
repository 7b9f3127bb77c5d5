import type { z } from 'zod';
import { describeValue } from './describe-value.ts';
import { suggest } from './suggest.ts';

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys',
  record: 'a mapping of keys',
};

/**
 * The error map of config validation: turns a zod issue into a message that says what the value
 * must be and quotes what was written. Schemas that know better (URLs, money, cross-field rules)
 * bring their own message, which takes precedence over this one.
 */
export function describeIssue(issue: z.core.$ZodRawIssue): string {
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
    return 'is required';
  }
  const got = `(got ${describeValue(issue.input)})`;
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${EXPECTED[issue.expected] ?? issue.expected} ${got}`;
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      if (issue.input === undefined) return `is required — one of ${allowed.join(', ')}`;
      if (allowed.length === 1) return `must be ${allowed[0]} ${got}`;
      const hint = typeof issue.input === 'string' ? suggest(issue.input, allowed) : undefined;
      const mean = hint === undefined ? '' : ` — did you mean "${hint}"?`;
      return `must be one of ${allowed.join(', ')} ${got}${mean}`;
    }
    case 'too_small':
      return describeBound(issue.origin, 'at least', 'greater than', issue.minimum, issue.inclusive, got);
    case 'too_big':
      return describeBound(issue.origin, 'at most', 'less than', issue.maximum, issue.inclusive, got);
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor} ${got}`;
    case 'invalid_key':
      return `is not an accepted key: ${issue.issues[0]?.message ?? 'invalid'}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return `does not have an accepted form ${got}`;
    default:
      return `is invalid ${got}`;
  }
}

function describeBound(
  origin: string,
  inclusiveWord: string,
  exclusiveWord: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
  got: string,
): string {
  if (origin === 'array' || origin === 'set') {
    if (bound === 1 && inclusiveWord === 'at least') return 'must list at least one entry';
    return `must list ${inclusiveWord} ${bound} entries`;
  }
  if (origin === 'string') {
    if (bound === 1 && inclusiveWord === 'at least') return 'must not be empty';
    return `must be ${inclusiveWord} ${bound} characters long`;
  }
  return `must be ${inclusive === false ? exclusiveWord : inclusiveWord} ${bound} ${got}`;
}
