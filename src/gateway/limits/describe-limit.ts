/**
 * Refusal messages that say which limit was hit, for whom, and what to do (SPEC §1.5):
 * "rate limit: 600 requests per minute for key key_01 reached; retry after 3 s".
 */
import type { CounterLimit } from '../../core/limits/index.ts';

const DIMENSION_NAMES = { tenant: 'tenant', key: 'key', user: 'user', project: 'project', feature: 'feature', tag: 'tag', model: 'model' } as const;

/** "for key key_01", "for tenant acme and model gpt-4o", "for all traffic". */
export function describeScope(limit: CounterLimit): string {
  if (limit.scope.length === 0) return 'for all traffic';
  return `for ${limit.scope.map(({ dimension, value }) => `${DIMENSION_NAMES[dimension]} ${value}`).join(' and ')}`;
}

export interface TokenCount {
  readonly inputTokens: number;
  readonly reservedOutputTokens: number;
}

function counted({ inputTokens, reservedOutputTokens }: TokenCount): string {
  return `${plural(inputTokens + reservedOutputTokens, 'token')} (${inputTokens} input + ${reservedOutputTokens} reserved output)`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function limitReachedMessage(limit: CounterLimit, tokens: TokenCount, retryAfterSeconds: number): string {
  const retry = `retry after ${retryAfterSeconds} s`;
  if (limit.kind === 'rpm') return `rate limit: ${plural(limit.limit, 'request')} per minute ${describeScope(limit)} reached; ${retry}`;
  return `rate limit: ${plural(limit.limit, 'token')} per minute ${describeScope(limit)} reached; this request counts ${counted(tokens)}; ${retry}`;
}

export function exceedsLimitMessage(limit: CounterLimit, tokens: TokenCount): string {
  return (
    `rate limit: this request counts ${counted(tokens)}, more than the ${plural(limit.limit, 'token')} per minute allowed ` +
    `${describeScope(limit)}, so it can never be admitted; lower max_tokens or send less input`
  );
}

export function concurrencyMessage(limit: CounterLimit): string {
  return `rate limit: ${plural(limit.limit, 'concurrent request')} ${describeScope(limit)} reached; retry when one of them finishes`;
}
