/**
 * Validates what a new key carries. Its fields become ledger attribution, so they follow the
 * same rules as the `x-costops-*` headers: printable, at most 256 characters; empty means absent.
 */
import { CostOpsError } from '../../core/errors/index.ts';
import type { VirtualKeyInput } from '../../core/ports/index.ts';

const MAX_LENGTH = 256;
const PRINTABLE = /^[\x20-\x7e\u00a0-\uffff]*$/;
const OPTIONAL_FIELDS = ['user', 'name', 'project', 'feature'] as const;

export type CheckedKeyInput = { tenant: string } & Record<(typeof OPTIONAL_FIELDS)[number], string | null>;

/** The input trimmed, with empty optional fields as null; throws `invalid_request` naming the field. */
export function checkKeyInput(input: VirtualKeyInput): CheckedKeyInput {
  const tenant = checked('tenant', input.tenant);
  if (tenant === null) throw new CostOpsError('invalid_request', 'a key needs a tenant: pass --tenant NAME');
  const checkedInput: CheckedKeyInput = { tenant, user: null, name: null, project: null, feature: null };
  for (const field of OPTIONAL_FIELDS) checkedInput[field] = checked(field, input[field]);
  return checkedInput;
}

function checked(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text.length > MAX_LENGTH) throw new CostOpsError('invalid_request', `key ${field} is ${text.length} characters long; the limit is ${MAX_LENGTH}`);
  if (!PRINTABLE.test(text)) throw new CostOpsError('invalid_request', `key ${field} contains control characters; use printable text`);
  return text === '' ? null : text;
}
