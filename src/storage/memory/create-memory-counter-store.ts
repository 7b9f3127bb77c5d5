/**
 * The in-process CounterStore: one Map. Each call reads and writes its key with no await in
 * between, so on Node's single thread every call is atomic. Limits hold within this process only;
 * several gateway instances need the Redis adapter (SPEC §17).
 */
import { adjustGcra, gcra, type GcraDecision, type GcraParams, type GcraState, type GcraWindow } from '../../core/limits/index.ts';
import type { CounterStore, SlotDecision } from '../../core/ports/index.ts';

export interface MemoryCounterStoreOptions {
  /**
   * How often (in the callers' `now`) drained counters are swept out; default one minute. Without
   * it, memory would grow with every distinct key ever limited (users, tags, models).
   */
  sweepIntervalMs?: number;
}

export interface MemoryCounterStore extends CounterStore {
  /** Counters and slot keys currently held: drained counters and free slot keys are not kept. */
  readonly size: number;
}

interface Entry {
  state: GcraState;
  /** When the counter has drained to empty and is the same as no entry. */
  expiresAt: number;
}

export function createMemoryCounterStore(options: MemoryCounterStoreOptions = {}): MemoryCounterStore {
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  const counters = new Map<string, Entry>();
  const slots = new Map<string, number>();
  let nextSweepAt = -Infinity;

  function sweep(now: number): void {
    if (now < nextSweepAt) return;
    nextSweepAt = now + sweepIntervalMs;
    for (const [key, entry] of counters) if (entry.expiresAt <= now) counters.delete(key);
  }

  function store(key: string, state: GcraState, limit: number): void {
    if (state.debt === 0) counters.delete(key);
    else counters.set(key, { state, expiresAt: state.at + Math.ceil(state.debt / limit) });
  }

  return {
    get size() {
      return counters.size + slots.size;
    },
    async consume(key: string, params: GcraParams): Promise<GcraDecision> {
      sweep(params.now);
      const decision = gcra(counters.get(key)?.state, params);
      if (decision.allowed) store(key, decision.state, params.limit);
      return decision;
    },
    async adjust(key: string, window: GcraWindow, delta: number): Promise<void> {
      sweep(window.now);
      const entry = counters.get(key);
      if (entry === undefined && delta <= 0) return;
      store(key, adjustGcra(entry?.state, window, delta), window.limit);
    },
    async acquire(key: string, limit: number): Promise<SlotDecision> {
      const inFlight = slots.get(key) ?? 0;
      if (inFlight >= limit) return { acquired: false, inFlight };
      slots.set(key, inFlight + 1);
      return { acquired: true, inFlight: inFlight + 1 };
    },
    async release(key: string): Promise<void> {
      const inFlight = slots.get(key) ?? 0;
      // a key at 0 is removed, so releasing more than was acquired cannot go negative
      if (inFlight <= 1) slots.delete(key);
      else slots.set(key, inFlight - 1);
    },
    async close(): Promise<void> {
      counters.clear();
      slots.clear();
    },
  };
}
