/**
 * Deterministic random ledger traffic for the contract suite: a small seeded generator, so a
 * failing case can be replayed from its seed.
 */
import type { LedgerFinalizePatch, LedgerFinalStatus, LedgerOpenInput } from '../../core/ports/index.ts';

export interface RandomTraffic {
  open: LedgerOpenInput;
  /** Null leaves the row `started` (in flight). */
  patch: LedgerFinalizePatch | null;
}

/** mulberry32: tiny, fast, good enough to spread test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FINAL_STATUSES: LedgerFinalStatus[] = ['ok', 'ok', 'ok', 'error', 'aborted', 'blocked', 'cached'];

/** `count` requests started over `spanMs` from `start`, in start order. */
export function randomTraffic(options: { seed: number; count: number; start: Date; spanMs: number }): RandomTraffic[] {
  const random = seededRandom(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const maybe = <T>(value: T, probability = 0.8): T | null => (random() < probability ? value : null);
  const tokens = () => maybe(Math.floor(random() * 50_000));
  const nanos = () => (random() < 0.05 ? 9_007_199_254_740_993n : BigInt(Math.floor(random() * 1e12)));
  const starts = Array.from({ length: options.count }, () => options.start.getTime() + Math.floor(random() * options.spanMs)).sort((a, b) => a - b);
  return starts.map((startedAt, index) => {
    const tags: Record<string, string> = {};
    if (random() < 0.7) tags.team = pick(['search', 'chat', 'ops']);
    if (random() < 0.5) tags.env = pick(['prod', 'staging']);
    const open: LedgerOpenInput = {
      operationId: `op-${options.seed}-${index}`,
      startedAt: new Date(startedAt),
      // '' is rare but legal; usage() groups it with "no value".
      tenant: pick(['acme', 'globex', 'initech', null, '']),
      user: maybe(pick(['ann', 'bob', 'cyd', 'dee'])),
      feature: maybe(pick(['summarize', 'chat', 'classify'])),
      provider: pick(['openai', 'anthropic']),
      requestedModel: pick(['gpt-4o', 'claude-sonnet', 'gpt-4o-mini']),
      tags,
      reservedUsd: nanos(),
      stream: random() < 0.5,
    };
    if (random() < 0.08) return { open, patch: null };
    const unpriced = random() < 0.15;
    const patch: LedgerFinalizePatch = {
      status: pick(FINAL_STATUSES),
      endedAt: new Date(startedAt + 50 + Math.floor(random() * 5000)),
      model: maybe(pick(['gpt-4o', 'claude-sonnet', 'gpt-4o-mini', 'gpt-4.1'])),
      inputTokens: tokens(),
      cachedInputTokens: tokens(),
      cacheWriteTokens: tokens(),
      cacheWrite1hTokens: tokens(),
      inputAudioTokens: tokens(),
      outputTokens: tokens(),
      reasoningTokens: tokens(),
      outputAudioTokens: tokens(),
      unpriced,
      costUsd: unpriced ? null : nanos(),
      counterfactualCostUsd: maybe(nanos(), 0.5),
      savingsUsd: maybe(BigInt(Math.floor(random() * 2e9) - 1e9), 0.5),
      usageSource: pick(['provider', 'estimated'] as const),
      cache: pick(['none', 'none', 'exact', 'semantic'] as const),
    };
    return { open, patch };
  });
}
