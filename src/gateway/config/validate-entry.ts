/**
 * Validates one config entry given outside the file (a budget or alert rule POSTed to the admin
 * API, a `costops budgets set`) with the same schema and messages as the file, so a mistake reads
 * the same wherever it is made: each problem names the field.
 */
import type { z } from 'zod';
import type { ConfigProblem } from './config-error.ts';
import { describeIssue } from './describe-issue.ts';
import { issuesToProblems } from './issues-to-problems.ts';

export type EntryResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/** Parses `value` with `schema`; on failure, one problem per bad field (`scope.user: must not be empty`). */
export function validateEntry<Schema extends z.core.$ZodType>(schema: Schema, value: unknown): EntryResult<z.output<Schema>> {
  const result = (schema as unknown as z.ZodType).safeParse(value, { error: describeIssue, reportInput: true });
  if (result.success) return { ok: true, value: result.data as z.output<Schema> };
  return { ok: false, problems: issuesToProblems(result.error.issues, schema) };
}
