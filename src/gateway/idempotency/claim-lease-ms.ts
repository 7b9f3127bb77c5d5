/**
 * How long an unfinished idempotency claim holds its key before a retry may take it over. A claim
 * is normally completed or released within one upstream call; only a process killed mid-request
 * leaves one behind. Twice the longest configured `timeouts.total_ms` outlasts any live call (with
 * room for the response to be stored), while a dead process blocks its keys for minutes, not 24 h.
 */
import type { Config } from '../config/index.ts';

/** Twice the longest provider total timeout. */
export function claimLeaseMs(config: Config): number {
  const longest = Math.max(0, ...config.providers.map((provider) => provider.timeouts.total_ms));
  // With no providers nothing can be in flight; a minute keeps the lease positive.
  return Math.max(2 * longest, 60_000);
}
