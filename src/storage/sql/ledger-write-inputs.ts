/**
 * Turns open() and finalize() arguments into validated writes, before they are queued, so a
 * bad row rejects at once and never takes a batch down with it.
 */
import type { LedgerFinalizePatch, LedgerOpenInput, LedgerRow } from '../../core/ports/index.ts';
import { LedgerStoreError } from '../ledger-store-error.ts';
import { LEDGER_FIELD_NAMES, LEDGER_FIELDS, LEDGER_FINAL_STATUSES } from './ledger-fields.ts';
import { freezeRow } from './freeze-row.ts';
import { checkTags, toColumn } from './ledger-row-columns.ts';
import type { LedgerFinalizeWrite, LedgerOpenWrite, SqlValue } from './ledger-writes.ts';

/** Values of fields an open() leaves out. */
const OPEN_DEFAULTS: Partial<LedgerRow> = {
  attempt: 1,
  stream: false,
  unpriced: false,
  cache: 'none',
  reservedUsd: 0n,
};

// Resolved once: open() runs for every request, and this loop is most of its cost.
const OPEN_FIELDS = LEDGER_FIELD_NAMES.map((name) => ({
  name,
  spec: LEDGER_FIELDS[name],
  fallback: name in OPEN_DEFAULTS ? OPEN_DEFAULTS[name] : LEDGER_FIELDS[name].nullable ? null : undefined,
}));

/** Builds the full `started` row and its insert values, in one pass over the fields. */
export function openWrite(input: LedgerOpenInput, newId: (timeMs: number) => string): LedgerOpenWrite {
  if (!(input.startedAt instanceof Date) || Number.isNaN(input.startedAt.getTime())) {
    throw new LedgerStoreError('invalid_input', 'startedAt must be a valid Date');
  }
  const fields: Partial<LedgerRow> = input;
  const row = {} as Record<keyof LedgerRow, unknown>;
  const values = new Array<SqlValue>(OPEN_FIELDS.length);
  for (let index = 0; index < OPEN_FIELDS.length; index++) {
    const { name, spec, fallback } = OPEN_FIELDS[index]!;
    let value: unknown = fields[name];
    if (value === undefined) value = fallback;
    // Copies, so that the caller mutating its objects later cannot change what is written.
    if (value instanceof Date) value = new Date(value.getTime());
    else if (name === 'tags') value = { ...checkTags(value ?? {}) };
    else if (name === 'id' && value === undefined) value = newId(input.startedAt.getTime());
    else if (name === 'status') value = 'started';
    row[name] = value;
    values[index] = toColumn(name, spec, value);
  }
  return { kind: 'open', row: freezeRow(row as LedgerRow), values };
}

const FIXED_FIELDS = ['id', 'operationId', 'startedAt'] as const;

/** Builds the update that settles a row. */
export function finalizeWrite(id: string, patch: LedgerFinalizePatch): LedgerFinalizeWrite {
  if (!(LEDGER_FINAL_STATUSES as readonly string[]).includes(patch.status)) {
    throw new LedgerStoreError('invalid_input', `finalize status must be one of ${LEDGER_FINAL_STATUSES.join(', ')}, got "${patch.status}"`);
  }
  for (const field of FIXED_FIELDS) {
    if (field in patch) throw new LedgerStoreError('invalid_input', `${field} is fixed at open() and cannot be finalized`);
  }
  if (patch.unpriced === true && patch.costUsd !== undefined && patch.costUsd !== null) {
    throw new LedgerStoreError('invalid_input', 'an unpriced row has no cost: pass costUsd null (never a made-up $0)');
  }
  // One pass: copies (so that the caller mutating its objects later cannot change what was
  // written), validates and converts each field.
  const fields: Record<string, unknown> = {};
  const columns: string[] = [];
  const parameters: SqlValue[] = [];
  for (const name of Object.keys(patch) as (keyof LedgerRow)[]) {
    let value: unknown = patch[name as keyof LedgerFinalizePatch];
    if (value === undefined) continue;
    const spec = LEDGER_FIELDS[name];
    if (spec === undefined) throw new LedgerStoreError('invalid_input', `unknown ledger field "${name}"`);
    if (value instanceof Date) value = new Date(value.getTime());
    else if (name === 'tags') value = { ...checkTags(value) };
    fields[name] = value;
    columns.push(spec.column);
    parameters.push(toColumn(name, spec, value));
  }
  if (patch.unpriced === true && patch.costUsd === undefined) {
    fields['costUsd'] = null;
    columns.push(LEDGER_FIELDS.costUsd.column);
    parameters.push(null);
  }
  parameters.push(id);
  return { kind: 'finalize', id, fields: fields as Partial<LedgerRow>, columns, shape: columns.join(','), parameters };
}

