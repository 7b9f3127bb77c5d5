/**
 * The rate-limit counter port (SPEC §9, §17): GCRA counters for requests and tokens per minute and
 * slot counters for concurrent requests, each applied atomically per key. Async so that a Redis
 * adapter (one Lua script per call) fits beside the in-memory one, letting limits hold across instances.
 */
import type { GcraDecision, GcraParams, GcraWindow } from '../limits/index.ts';

/** The outcome of asking for a concurrency slot. */
export interface SlotDecision {
  readonly acquired: boolean;
  /** Slots held on this key after the call (the acquired one included). */
  readonly inFlight: number;
}

export interface CounterStore {
  /**
   * Applies `gcra` to the key's state and stores the result, as one atomic step: however many
   * callers race, no more cost is admitted than the limit allows. An adapter whose instances
   * have different clocks should decide by one shared clock (Redis `TIME`) rather than `params.now`.
   */
  consume(key: string, params: GcraParams): Promise<GcraDecision>;
  /** Adds `delta` (negative refunds) to the key's counter, as `adjustGcra`, atomically. */
  adjust(key: string, window: GcraWindow, delta: number): Promise<void>;
  /** Takes one of `limit` slots on the key if one is free. */
  acquire(key: string, limit: number): Promise<SlotDecision>;
  /** Gives one slot back; a key with no slots held stays at 0. */
  release(key: string): Promise<void>;
  close(): Promise<void>;
}
