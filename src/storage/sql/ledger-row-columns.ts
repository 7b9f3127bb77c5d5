/**
 * Converts LedgerRow values to column values and back, validating on the way in so that a
 * float where money belongs or a cost on an unpriced row never reaches the database.
 */
import type { Selectable } from 'kysely';
import type { LedgerRow } from '../../core/ports/index.ts';
import { LedgerStoreError } from '../ledger-store-error.ts';
import type { LedgerRequestsTable } from './ledger-database.ts';
import { LEDGER_FIELD_NAMES, LEDGER_FIELDS, type LedgerFieldSpec } from './ledger-fields.ts';
import { readBigInt, readNumber } from './read-sql-value.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Reads a selected ledger_requests record back into a LedgerRow. */
export function columnsToRow(record: Selectable<LedgerRequestsTable>): LedgerRow {
  const row: Record<string, unknown> = {};
  for (const name of LEDGER_FIELD_NAMES) {
    const spec = LEDGER_FIELDS[name];
    row[name] = fromColumn(spec, (record as Record<string, unknown>)[spec.column]);
  }
  return row as unknown as LedgerRow;
}

/** Validates one field's value and converts it to its column value. */
export function toColumn(name: string, spec: LedgerFieldSpec, value: unknown): string | number | bigint | null {
  if (value === null || value === undefined) {
    if (spec.nullable) return null;
    throw invalid(`${name} is required`);
  }
  switch (spec.kind) {
    case 'text':
      if (typeof value !== 'string') throw invalid(`${name} must be a string`);
      if (spec.values && !spec.values.includes(value)) throw invalid(`${name} must be one of ${spec.values.join(', ')}, got "${value}"`);
      return value;
    case 'count':
      if (!Number.isSafeInteger(value) || (value as number) < 0) throw invalid(`${name} must be a non-negative integer, got ${String(value)}`);
      return value as number;
    case 'money':
      // A float here would be stored as REAL and silently break exact sums (SPEC §1.1).
      if (typeof value !== 'bigint') throw invalid(`${name} must be nano-USD as a bigint, got ${typeof value}`);
      if (value < INT64_MIN || value > INT64_MAX) throw invalid(`${name} does not fit a 64-bit integer`);
      return value;
    case 'time':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalid(`${name} must be a valid Date`);
      return value.getTime();
    case 'flag':
      if (typeof value !== 'boolean') throw invalid(`${name} must be a boolean`);
      return value ? 1 : 0;
    case 'tags':
      return JSON.stringify(checkTags(value));
  }
}

/** Converts one column value (as a driver or the journal returns it) back to its field value. */
export function fromColumn(spec: LedgerFieldSpec, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (spec.kind) {
    case 'text':
      return String(value);
    case 'count':
      return readNumber(value);
    case 'money':
      return readBigInt(value);
    case 'time':
      return new Date(readNumber(value)!);
    case 'flag':
      return readBigInt(value) !== 0n;
    case 'tags':
      return JSON.parse(String(value)) as Record<string, string>;
  }
}

/** Tags are a flat map of strings; anything else would not survive the CSV/JSON export. */
export function checkTags(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('tags must be an object of strings');
  for (const [key, tag] of Object.entries(value)) {
    if (typeof tag !== 'string') throw invalid(`tag "${key}" must be a string`);
  }
  return value as Record<string, string>;
}

function invalid(message: string): LedgerStoreError {
  return new LedgerStoreError('invalid_input', message);
}
