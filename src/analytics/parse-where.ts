/**
 * `where=model:gpt-4o,tag.team=search` → equality filters. Both `k:v` (the API's form) and `k=v`
 * (the CLI's) are accepted; an empty value matches rows where the dimension is absent.
 */
import type { UsageDimension, UsageQuery } from '../core/ports/index.ts';
import { QueryParamError } from './query-param-error.ts';
import { listParam, type QueryParams } from './query-params.ts';
import { parseDimension } from './usage-dimensions.ts';

export function parseWhere(params: QueryParams): NonNullable<UsageQuery['where']> {
  const where: Partial<Record<UsageDimension, string | null>> = {};
  for (const item of listParam(params, 'where')) {
    const split = item.search(/[:=]/);
    if (split <= 0) throw new QueryParamError('where', `"${item}" is not a filter: write name:value or name=value, e.g. model:gpt-4o`);
    const dimension = parseDimension(item.slice(0, split).trim(), 'where');
    const value = item.slice(split + 1).trim();
    const wanted = value === '' ? null : value;
    if (dimension in where && where[dimension] !== wanted) {
      throw new QueryParamError('where', `${item.slice(0, split).trim()} is given two values; filters are equalities, ANDed`);
    }
    where[dimension] = wanted;
  }
  return where;
}
