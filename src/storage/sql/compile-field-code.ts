/**
 * Ledger rows have ~45 fields, and the per-request paths that copy or build a whole row were
 * dominated by loops over field names (a megamorphic keyed load or store per field, or a spread
 * through V8's slow path for frozen objects). These paths are unrolled once, at load, into code
 * that names each field: every access is then a plain property access and a row is one object
 * literal. Only names from the fixed field table (ledger-fields.ts) ever reach the generated code.
 */
import { LEDGER_FIELD_NAMES } from './ledger-fields.ts';

/** The ledger field names, each checked to be a plain identifier. */
export const FIELD_IDENTIFIERS: readonly string[] = LEDGER_FIELD_NAMES.map((name) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`ledger field "${name}" is not an identifier`);
  return name;
});

/** Compiles `body` (built from FIELD_IDENTIFIERS) into a function of `parameters`. */
export function compileFieldCode<F>(parameters: readonly string[], body: string): F {
  return new Function(...parameters, body) as F;
}
