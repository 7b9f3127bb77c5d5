/**
 * The way back from a parsed query to URL parameters, for a client (the CLI's --url mode) that
 * checked its input locally and now asks the admin API: parseXParams(toParams(q)) equals q.
 */
import type { ListRequestsQuery, UsageQuery } from '../core/ports/index.ts';
import { dimensionParamName } from './usage-dimensions.ts';

export function usageQueryToParams(query: UsageQuery): URLSearchParams {
  const params = timeParams(query);
  if (query.groupBy?.length) params.set('group_by', query.groupBy.map(dimensionParamName).join(','));
  for (const [dimension, value] of Object.entries(query.where ?? {})) {
    params.append('where', `${dimensionParamName(dimension)}:${value ?? ''}`);
  }
  if (query.bucket) params.set('bucket', query.bucket);
  return params;
}

export function listQueryToParams(query: ListRequestsQuery): URLSearchParams {
  const params = timeParams(query);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  for (const name of ['tenant', 'user', 'feature', 'model', 'status'] as const) {
    const value = query[name];
    if (value !== undefined) params.set(name, value);
  }
  return params;
}

function timeParams(query: { since?: Date; until?: Date }): URLSearchParams {
  const params = new URLSearchParams();
  if (query.since) params.set('since', query.since.toISOString());
  if (query.until) params.set('until', query.until.toISOString());
  return params;
}
