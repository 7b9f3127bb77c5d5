/** `since` (inclusive) and `until` (exclusive), as the ledger port takes them. */
import { parseTime } from './parse-time.ts';
import { QueryParamError } from './query-param-error.ts';
import { singleParam, type QueryParams } from './query-params.ts';

export function parseTimeRange(params: QueryParams, now: Date): { since?: Date; until?: Date } {
  const sinceText = singleParam(params, 'since');
  const untilText = singleParam(params, 'until');
  const since = sinceText === undefined ? undefined : parseTime(sinceText, { now, param: 'since' });
  const until = untilText === undefined ? undefined : parseTime(untilText, { now, param: 'until' });
  if (since && until && since.getTime() >= until.getTime()) {
    throw new QueryParamError('until', `${until.toISOString()} is not after since (${since.toISOString()}); until is exclusive`);
  }
  return { ...(since && { since }), ...(until && { until }) };
}
