/**
 * Turns open() and finalize() arguments into validated writes, before they are queued, so a
 * bad row rejects at once and never takes a batch down with it.
 */
import type { LedgerFinalizePatch, LedgerOpenInput, LedgerRow } from '../../core/ports/index.ts';
import { LedgerStoreError } from '../ledger-store-error.ts';
import { LEDGER_FIELD_NAMES, LEDGER_FIELDS, LEDGER_FINAL_STATUSES } from './ledger-fields.ts';
import { freezeRow } from './freeze-row.ts';
import { compileFieldCode, FIELD_IDENTIFIERS } from './compile-field-code.ts';
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

const OPEN_FALLBACKS = LEDGER_FIELD_NAMES.map((name) => (name in OPEN_DEFAULTS ? OPEN_DEFAULTS[name] : LEDGER_FIELDS[name].nullable ? null : undefined));
const OPEN_SPECS = LEDGER_FIELD_NAMES.map((name) => LEDGER_FIELDS[name]);

/**
 * The value of field `index` in a new row: the input's, else the default; copies of Dates and
 * tags, so that the caller mutating its objects later cannot change what is written.
 */
function openValue(index: number, value: unknown, input: LedgerOpenInput, newId: (timeMs: number) => string): unknown {
  if (value === undefined) value = OPEN_FALLBACKS[index];
  if (value instanceof Date) return new Date(value.getTime());
  switch (LEDGER_FIELD_NAMES[index]) {
    case 'tags':
      return { ...checkTags(value ?? {}) };
    case 'id':
      return value === undefined ? newId(input.startedAt.getTime()) : value;
    case 'status':
      return 'started';
    default:
      return value;
  }
}

type OpenBuilder = (
  input: LedgerOpenInput,
  newId: (timeMs: number) => string,
  value: typeof openValue,
  column: (index: number, value: unknown) => SqlValue,
) => { row: LedgerRow; values: SqlValue[] };

/**
 * Builds the `started` row and its insert values: per field, `value()` then `column()`, unrolled
 * (see compile-field-code.ts).
 */
const buildOpen = compileFieldCode<OpenBuilder>(
  ['input', 'newId', 'value', 'column'],
  `${FIELD_IDENTIFIERS.map((name, index) => `const v${index} = value(${index}, input.${name}, input, newId);`).join('\n')}
  return {
    row: { ${FIELD_IDENTIFIERS.map((name, index) => `${name}: v${index}`).join(', ')} },
    values: [${FIELD_IDENTIFIERS.map((_, index) => `column(${index}, v${index})`).join(', ')}],
  };`,
);

const openColumn = (index: number, value: unknown): SqlValue => toColumn(LEDGER_FIELD_NAMES[index]!, OPEN_SPECS[index]!, value);

/** Builds the full `started` row and its insert values. */
export function openWrite(input: LedgerOpenInput, newId: (timeMs: number) => string): LedgerOpenWrite {
  if (!(input.startedAt instanceof Date) || Number.isNaN(input.startedAt.getTime())) {
    throw new LedgerStoreError('invalid_input', 'startedAt must be a valid Date');
  }
  const { row, values } = buildOpen(input, newId, openValue, openColumn);
  return { kind: 'open', row: freezeRow(row), values };
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

