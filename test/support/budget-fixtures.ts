/**
 * Shared pieces of the budget end-to-end tests: a request whose worst case is exactly $0.002, the
 * usage that makes its actual cost equal that worst case, a clock tests move by hand, and readers
 * of the ledger and budget counters to compare them exactly.
 */
import type { Clock, LedgerStore, UsageQuery } from '../../src/core/ports/index.ts';

/** gpt-4o ($2.5 in / $10 out per 1M): "hi" is 8 prompt tokens → 8 × 2.5 + 198 × 10 = $0.002000 exactly. */
export const TWO_MILLI_REQUEST = { model: 'gpt-4o', max_tokens: 198, messages: [{ role: 'user' as const, content: 'hi' }] };
export const TWO_MILLI = 2_000_000n;
/** What the fake reports for it, so the settled cost equals the reservation. */
export const TWO_MILLI_USAGE = { promptTokens: 8, outputTokens: 198 };

export const ADMIN_KEY = 'admin-secret-123456';

/** A clock tests set by hand. */
export function manualClock(start: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = Date.parse(start);
  return { now: () => new Date(now), set: (iso) => void (now = Date.parse(iso)), advance: (ms) => void (now += ms) };
}

/** The ledger's spend for a filter (settled rows, unpriced ones excluded as the ledger sums them). */
export async function ledgerSpend(store: LedgerStore, query: UsageQuery = {}): Promise<bigint> {
  return (await store.usage(query)).total.costUsd;
}

/** Runs `count` calls in waves of `width` at once, awaiting `between` after each wave. */
export async function inWaves<T>(count: number, width: number, call: (index: number) => Promise<T>, between?: () => Promise<unknown>): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = [];
  for (let start = 0; start < count; start += width) {
    const wave = Array.from({ length: Math.min(width, count - start) }, (_, offset) => call(start + offset));
    results.push(...(await Promise.allSettled(wave)));
    await between?.();
  }
  return results;
}
