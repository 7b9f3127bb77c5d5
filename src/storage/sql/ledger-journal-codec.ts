/**
 * One ledger write as one line of the journal (see ../journal/ledger-journal.ts), and back. A line
 * holds the write's column values, the same ones the database receives, with 64-bit integers as
 * decimal strings (JSON numbers would round them): an open is `{"o":[values in LEDGER_COLUMNS
 * order]}`, a finalize `{"f":id,"c":[columns],"p":[values]}`. Decoding rebuilds the write through
 * the same validation as open() and finalize().
 */
import type { LedgerFinalizePatch, LedgerOpenInput, LedgerRow } from '../../core/ports/index.ts';
import { LEDGER_COLUMNS, LEDGER_FIELD_NAMES, LEDGER_FIELDS } from './ledger-fields.ts';
import { columnsToRow, fromColumn } from './ledger-row-columns.ts';
import { finalizeWrite, openWrite } from './ledger-write-inputs.ts';
import type { LedgerFinalizeWrite, LedgerOpenWrite, SqlValue } from './ledger-writes.ts';
import type { LedgerDatabase } from './ledger-database.ts';
import type { Selectable } from 'kysely';

const FIELD_OF_COLUMN = new Map(LEDGER_FIELD_NAMES.map((name) => [LEDGER_FIELDS[name].column as string, name]));

const jsonValues = (values: readonly SqlValue[]) => values.map((value) => (typeof value === 'bigint' ? value.toString() : value));

/** Positions of an open's values that may be 64-bit integers (the money columns). */
const MONEY_POSITIONS = LEDGER_FIELD_NAMES.flatMap((name, index) => (LEDGER_FIELDS[name].kind === 'money' ? [index] : []));

/** An open's values with its money as decimal strings (a copy; only those positions are looked at). */
function openJsonValues(values: readonly SqlValue[]): SqlValue[] {
  const copy = values.slice();
  for (const index of MONEY_POSITIONS) {
    const value = copy[index];
    if (typeof value === 'bigint') copy[index] = value.toString();
  }
  return copy;
}

/** The JSON of a finalize shape's column list, per shape (a gateway uses a handful). */
const columnsJson = new Map<string, string>();
const MAX_SHAPES = 64;

/** The journal line of a write (newline included). */
export function encodeJournalWrite(write: LedgerOpenWrite | LedgerFinalizeWrite): string {
  if (write.kind === 'open') return `${JSON.stringify({ o: openJsonValues(write.values) })}\n`;
  let columns = columnsJson.get(write.shape);
  if (columns === undefined) {
    columns = JSON.stringify(write.columns);
    if (columnsJson.size < MAX_SHAPES) columnsJson.set(write.shape, columns);
  }
  // the same text as JSON.stringify({ f, c, p }), without serializing the column names each time
  return `{"f":${JSON.stringify(write.id)},"c":${columns},"p":${JSON.stringify(jsonValues(write.parameters.slice(0, write.columns.length)))}}\n`;
}

/** The write a journal line holds, or undefined for a line that is not one (cut short by a crash). */
export function decodeJournalWrite(line: string): LedgerOpenWrite | LedgerFinalizeWrite | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as { o?: unknown; f?: unknown; c?: unknown; p?: unknown };
  if (Array.isArray(record.o) && record.o.length === LEDGER_COLUMNS.length) {
    const columns: Record<string, unknown> = {};
    LEDGER_COLUMNS.forEach((column, index) => (columns[column] = record.o![index as never]));
    const row: LedgerRow = columnsToRow(columns as unknown as Selectable<LedgerDatabase['ledger_requests']>);
    return openWrite(row as LedgerOpenInput, () => row.id);
  }
  if (typeof record.f === 'string' && Array.isArray(record.c) && Array.isArray(record.p) && record.c.length === record.p.length) {
    const patch: Record<string, unknown> = {};
    for (let index = 0; index < record.c.length; index++) {
      const name = FIELD_OF_COLUMN.get(String(record.c[index]));
      if (name === undefined) return undefined;
      patch[name] = fromColumn(LEDGER_FIELDS[name], record.p[index]);
    }
    return finalizeWrite(record.f, patch as unknown as LedgerFinalizePatch);
  }
  return undefined;
}
