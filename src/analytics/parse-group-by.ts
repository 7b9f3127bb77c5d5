/** `group_by=model,feature,tag.team` → the port's dimensions, in the order given. */
import type { UsageDimension } from '../core/ports/index.ts';
import { parseDimension } from './usage-dimensions.ts';
import { listParam, type QueryParams } from './query-params.ts';

export function parseGroupBy(params: QueryParams): UsageDimension[] {
  const dimensions = listParam(params, 'group_by').map((name) => parseDimension(name, 'group_by'));
  return [...new Set(dimensions)];
}
