/** `GET /api/alerts?since&until&rule&status&limit`: checked like the ledger's list parameters. */
import { parseTime, QueryParamError, type QueryParams } from '../../analytics/index.ts';
import type { AlertDeliveryStatus, AlertHistoryQuery } from '../../core/ports/index.ts';

export const ALERT_LIST_PARAMS = ['since', 'until', 'rule', 'status', 'limit'] as const;

const STATUSES: readonly AlertDeliveryStatus[] = ['pending', 'sent', 'failed'];
const MAX_LIMIT = 1000;

export function parseAlertListParams(params: QueryParams, options: { now: Date }): AlertHistoryQuery {
  for (const name of Object.keys(params)) {
    if (!(ALERT_LIST_PARAMS as readonly string[]).includes(name)) throw new QueryParamError(name, `unknown query parameter; use ${ALERT_LIST_PARAMS.join(', ')}`);
  }
  const query: AlertHistoryQuery = {};
  const since = single(params, 'since');
  const until = single(params, 'until');
  if (since !== undefined) query.since = parseTime(since, { now: options.now, param: 'since' });
  if (until !== undefined) query.until = parseTime(until, { now: options.now, param: 'until' });
  if (query.since && query.until && query.since >= query.until) {
    throw new QueryParamError('until', `${query.until.toISOString()} is not after since (${query.since.toISOString()}); until is exclusive`);
  }
  const rule = single(params, 'rule');
  if (rule !== undefined && rule !== '') query.rule = rule;
  const status = single(params, 'status');
  if (status !== undefined && status !== '') {
    if (!(STATUSES as readonly string[]).includes(status)) throw new QueryParamError('status', `use one of ${STATUSES.join(', ')}; got "${status}"`);
    query.status = status as AlertDeliveryStatus;
  }
  const limit = single(params, 'limit');
  if (limit !== undefined) {
    const value = /^\d{1,7}$/.test(limit.trim()) ? Number(limit) : Number.NaN;
    if (!(value >= 1 && value <= MAX_LIMIT)) throw new QueryParamError('limit', `use a whole number from 1 to ${MAX_LIMIT}; got "${limit}"`);
    query.limit = value;
  }
  return query;
}

function single(params: QueryParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || typeof value === 'string') return value;
  if (value.length > 1) throw new QueryParamError(name, 'give it once');
  return value[0];
}
