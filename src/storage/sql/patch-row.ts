import type { LedgerRow } from '../../core/ports/index.ts';
import { compileFieldCode, FIELD_IDENTIFIERS } from './compile-field-code.ts';
import { freezeRow } from './freeze-row.ts';

type Patcher = (base: LedgerRow, fields: Partial<LedgerRow>) => LedgerRow;

const patch = compileFieldCode<Patcher>(
  ['base', 'fields'],
  `return { ${FIELD_IDENTIFIERS.map((name) => `${name}: fields.${name} !== undefined ? fields.${name} : base.${name}`).join(', ')} };`,
);

/** `base` with every field `fields` sets (null included) replaced, frozen: `{ ...base, ...fields }` at a fraction of its cost. */
export function patchRow(base: LedgerRow, fields: Partial<LedgerRow>): LedgerRow {
  return freezeRow(patch(base, fields));
}
