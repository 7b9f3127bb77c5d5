/**
 * The dimensions usage() can group and filter by: ledger columns and `tag.<name>`. Names are
 * checked against a closed list before they reach SQL, and tag names travel as parameters.
 */
import type { LedgerColumnDimension, UsageDimension, UsageQuery } from '../../core/ports/index.ts';
import { LedgerStoreError } from '../ledger-store-error.ts';
import { LEDGER_FIELDS } from './ledger-fields.ts';
import { HOUR_MS } from './rollup-deltas.ts';

const COLUMN_DIMENSIONS: readonly LedgerColumnDimension[] = [
  'tenant',
  'keyId',
  'user',
  'feature',
  'project',
  'env',
  'conversation',
  'provider',
  'requestedModel',
  'model',
  'endpoint',
  'status',
  'errorCode',
  'priceId',
  'usageSource',
  'cache',
  'route',
  'batchId',
];

/** The dimensions the hourly rollup keeps (besides the hour). */
const ROLLUP_DIMENSIONS: ReadonlySet<string> = new Set<LedgerColumnDimension>(['tenant', 'model', 'feature', 'provider', 'status']);

export type ParsedDimension =
  | { kind: 'column'; name: UsageDimension; column: string }
  | { kind: 'tag'; name: UsageDimension; tag: string };

/** Resolves a dimension name to its column or tag; throws `invalid_input` for anything else. */
export function parseDimension(name: string): ParsedDimension {
  if (name.startsWith('tag.') && name.length > 4) return { kind: 'tag', name: name as UsageDimension, tag: name.slice(4) };
  if ((COLUMN_DIMENSIONS as readonly string[]).includes(name)) {
    return { kind: 'column', name: name as UsageDimension, column: LEDGER_FIELDS[name as LedgerColumnDimension].column };
  }
  throw new LedgerStoreError(
    'invalid_input',
    `cannot group or filter usage by "${name}"; use one of ${COLUMN_DIMENSIONS.join(', ')} or tag.<name>`,
  );
}

/** True when the hourly rollup alone can answer the query exactly. */
export function rollupCovers(query: UsageQuery): boolean {
  const dimensions = [...(query.groupBy ?? []), ...Object.keys(query.where ?? {})];
  const aligned = (time: Date | undefined) => time === undefined || time.getTime() % HOUR_MS === 0;
  return dimensions.every((name) => ROLLUP_DIMENSIONS.has(name)) && aligned(query.since) && aligned(query.until);
}
