/** The usage query (SPEC §14) from `since, until, group_by, where, bucket`, shared by API and CLI. */
import type { UsageQuery } from '../core/ports/index.ts';
import { parseGroupBy } from './parse-group-by.ts';
import { parseTimeRange } from './parse-time-range.ts';
import { parseWhere } from './parse-where.ts';
import { QueryParamError } from './query-param-error.ts';
import { checkKnownParams, singleParam, type QueryParams } from './query-params.ts';

export const USAGE_PARAMS = ['since', 'until', 'group_by', 'where', 'bucket'] as const;

/** Parses and checks every parameter; throws QueryParamError naming the first bad one. */
export function parseUsageParams(params: QueryParams, options: { now: Date }): UsageQuery {
  checkKnownParams(params, USAGE_PARAMS);
  const query: UsageQuery = parseTimeRange(params, options.now);
  const groupBy = parseGroupBy(params);
  if (groupBy.length > 0) query.groupBy = groupBy;
  const where = parseWhere(params);
  if (Object.keys(where).length > 0) query.where = where;
  const bucket = singleParam(params, 'bucket');
  if (bucket !== undefined && bucket !== '') {
    if (bucket !== 'hour' && bucket !== 'day') throw new QueryParamError('bucket', `use hour or day; got "${bucket}"`);
    query.bucket = bucket;
  }
  return query;
}
