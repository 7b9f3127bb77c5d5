/** `x-costops-max-cost-usd: <n>` (SPEC §4): the client's ceiling on one request's worst-case cost. */
import { CostOpsError } from '../../core/errors/index.ts';
import { parseUsd, type Nanos } from '../../core/money/index.ts';
import type { RequestHeaders } from '../http/request-headers.ts';

export const MAX_COST_HEADER = 'x-costops-max-cost-usd';

/** The ceiling in nano-USD, or undefined without the header; 400 for anything but a non-negative decimal. */
export function readMaxCost(headers: RequestHeaders): Nanos | undefined {
  const value = headers.get(MAX_COST_HEADER);
  if (value === null) return undefined;
  let nanos: Nanos | undefined;
  try {
    nanos = parseUsd(value);
  } catch {
    nanos = undefined;
  }
  if (nanos === undefined || nanos < 0n) {
    throw new CostOpsError('invalid_header', `${MAX_COST_HEADER} must be a non-negative USD amount with at most 9 decimals, such as 0.05 (got "${value.slice(0, 40)}")`);
  }
  return nanos;
}
