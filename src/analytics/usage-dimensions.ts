/**
 * The names users write for usage dimensions (snake_case, as in the ledger's JSON) and the port's
 * names for them. One table serves the API's `group_by`/`where`, the CLI's `--by`/`--where`, and
 * the way back when the CLI sends a parsed query to the admin API.
 */
import type { LedgerColumnDimension, UsageDimension } from '../core/ports/index.ts';
import { QueryParamError } from './query-param-error.ts';

const COLUMN_NAMES: Readonly<Record<string, LedgerColumnDimension>> = {
  tenant: 'tenant',
  key_id: 'keyId',
  user: 'user',
  feature: 'feature',
  project: 'project',
  env: 'env',
  conversation: 'conversation',
  provider: 'provider',
  requested_model: 'requestedModel',
  model: 'model',
  endpoint: 'endpoint',
  status: 'status',
  error_code: 'errorCode',
  price_id: 'priceId',
  usage_source: 'usageSource',
  cache: 'cache',
  route: 'route',
  batch_id: 'batchId',
};

const PARAM_NAMES = new Map<string, string>(Object.entries(COLUMN_NAMES).map(([param, dimension]) => [dimension, param]));

/** Every dimension name a user may write (tags aside). */
export const USAGE_DIMENSION_NAMES: readonly string[] = Object.keys(COLUMN_NAMES);

/** `requested_model` → `requestedModel`, `tag.team` → `tag.team`; a clear error for anything else. */
export function parseDimension(name: string, param: string): UsageDimension {
  const column = COLUMN_NAMES[name];
  if (column !== undefined) return column;
  if (name.startsWith('tag.')) {
    const tag = name.slice(4);
    if (tag !== '' && !/[\s,:=;]/.test(tag)) return `tag.${tag}`;
    throw new QueryParamError(param, `"${name}" is not a tag name: write tag.<name>, e.g. tag.team`);
  }
  throw new QueryParamError(param, `unknown dimension "${name}"; use one of ${USAGE_DIMENSION_NAMES.join(', ')} or tag.<name>`);
}

/** The name users write for a port dimension: `requestedModel` → `requested_model`. */
export function dimensionParamName(dimension: string): string {
  return PARAM_NAMES.get(dimension) ?? dimension;
}
