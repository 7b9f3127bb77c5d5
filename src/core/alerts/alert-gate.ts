/**
 * De-duplication and cooldown, shared by every rule: an alert passes the gate unless the very
 * same alert (dedupe key) already fired, or the same rule fired for the same scope value less
 * than its cooldown ago. Memory stays bounded: old entries are dropped as time passes.
 */
import { cooldownKeyOf } from './alert-event.ts';

export type GateVerdict = 'fire' | 'duplicate' | 'cooling';

export interface AlertGate {
  /** Decides, and on 'fire' remembers the alert. */
  admit(input: { dedupeKey: string; cooldownMs: number; now: Date }): GateVerdict;
  /** Remembers alerts that fired before (history read at start), so a restart does not repeat them. */
  remember(fired: Iterable<{ dedupeKey: string; time: Date }>): void;
}

export interface AlertGateOptions {
  /** How long a dedupe key is kept (default 40 days: longer than the longest window, a month). */
  keepMs?: number;
}

const PRUNE_EVERY_MS = 3_600_000;

export function createAlertGate(options: AlertGateOptions = {}): AlertGate {
  const keepMs = options.keepMs ?? 40 * 86_400_000;
  const fired = new Map<string, number>();
  const lastByCooldownKey = new Map<string, number>();
  let prunedAt = Number.NEGATIVE_INFINITY;

  function note(dedupeKey: string, timeMs: number): void {
    fired.set(dedupeKey, timeMs);
    const cooldownKey = cooldownKeyOf(dedupeKey);
    if ((lastByCooldownKey.get(cooldownKey) ?? Number.NEGATIVE_INFINITY) < timeMs) lastByCooldownKey.set(cooldownKey, timeMs);
  }

  function prune(nowMs: number): void {
    if (nowMs - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = nowMs;
    for (const [key, timeMs] of fired) if (nowMs - timeMs > keepMs) fired.delete(key);
    for (const [key, timeMs] of lastByCooldownKey) if (nowMs - timeMs > keepMs) lastByCooldownKey.delete(key);
  }

  return {
    admit({ dedupeKey, cooldownMs, now }) {
      const nowMs = now.getTime();
      prune(nowMs);
      if (fired.has(dedupeKey)) return 'duplicate';
      const last = lastByCooldownKey.get(cooldownKeyOf(dedupeKey));
      if (cooldownMs > 0 && last !== undefined && nowMs - last < cooldownMs) return 'cooling';
      note(dedupeKey, nowMs);
      return 'fire';
    },
    remember(entries) {
      for (const { dedupeKey, time } of entries) note(dedupeKey, time.getTime());
    },
  };
}
