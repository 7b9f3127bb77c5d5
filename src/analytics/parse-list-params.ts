/** The request-log query (SPEC §7) from `since, until, limit, cursor, tenant, user, feature, model, status`. */
import type { LedgerStatus, ListRequestsQuery } from '../core/ports/index.ts';
import { parseTimeRange } from './parse-time-range.ts';
import { QueryParamError } from './query-param-error.ts';
import { checkKnownParams, singleParam, type QueryParams } from './query-params.ts';

export const LIST_PARAMS = ['since', 'until', 'limit', 'cursor', 'tenant', 'user', 'feature', 'model', 'status'] as const;

export const MAX_PAGE_SIZE = 1000;

const STATUSES: readonly LedgerStatus[] = ['started', 'ok', 'error', 'aborted', 'blocked', 'cached', 'unknown_outcome'];
const EQUALITY_FILTERS = ['tenant', 'user', 'feature', 'model'] as const;

/** Parses and checks every parameter; throws QueryParamError naming the first bad one. */
export function parseListParams(params: QueryParams, options: { now: Date }): ListRequestsQuery {
  checkKnownParams(params, LIST_PARAMS);
  const query: ListRequestsQuery = parseTimeRange(params, options.now);
  const limit = singleParam(params, 'limit');
  if (limit !== undefined) {
    const value = /^\d{1,7}$/.test(limit.trim()) ? Number(limit) : Number.NaN;
    if (!(value >= 1 && value <= MAX_PAGE_SIZE)) throw new QueryParamError('limit', `use a whole number from 1 to ${MAX_PAGE_SIZE}; got "${limit}"`);
    query.limit = value;
  }
  const cursor = singleParam(params, 'cursor');
  if (cursor) query.cursor = cursor;
  for (const name of EQUALITY_FILTERS) {
    const value = singleParam(params, name);
    if (value !== undefined && value !== '') query[name] = value;
  }
  const status = singleParam(params, 'status');
  if (status !== undefined && status !== '') {
    if (!(STATUSES as readonly string[]).includes(status)) throw new QueryParamError('status', `use one of ${STATUSES.join(', ')}; got "${status}"`);
    query.status = status as LedgerStatus;
  }
  return query;
}
