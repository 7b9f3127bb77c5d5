import type { ServerResponse } from 'node:http';
import type { LineEnding, SplitWrites } from './types.ts';

/** Frames one server-sent event: optional `event:` line, one `data:` line, blank line. Strings are sent as-is. */
export function encodeSse(data: unknown, lineEnding: LineEnding, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  const head = event === undefined ? '' : `event: ${event}${lineEnding}`;
  return `${head}data: ${payload}${lineEnding}${lineEnding}`;
}

export interface WritePlan {
  chunkDelayMs: number;
  cutAfterEvents: number | undefined;
  stallAfterEvents: number | undefined;
  splitWrites: SplitWrites | undefined;
  flushDelayMs: number;
  /** Sent in place of the remaining events once `streamErrorAfter` events went out. */
  streamError: string | undefined;
  streamErrorAfter: number | undefined;
  signal: AbortSignal;
  /** Destroys the socket on purpose, once what was written has left (the server records the outcome as `cut`). */
  cut: () => Promise<void>;
}

/** How a write loop ended: `cut` means the fake destroyed the socket on purpose. */
export type WriteEnd = 'ended' | 'cut' | 'gone';

/**
 * Writes stream payloads (already framed) with the plan's faults: delays, split writes, a provider
 * error event, a stall, or a socket cut after K events. Ends the response when all went out.
 */
export async function writePayloads(response: ServerResponse, payloads: readonly (string | Buffer)[], plan: WritePlan): Promise<WriteEnd> {
  const writer = plan.splitWrites === undefined ? undefined : new SplitWriter(response, plan.splitWrites, plan.flushDelayMs, plan.signal);
  for (let index = 0; index <= payloads.length; index++) {
    if (index === plan.cutAfterEvents) {
      await writer?.flush();
      await plan.cut();
      return 'cut';
    }
    if (index === plan.stallAfterEvents) {
      await writer?.flush();
      await untilAborted(plan.signal);
      return 'gone';
    }
    const payload = index === plan.streamErrorAfter ? plan.streamError : payloads[index];
    if (payload === undefined) break;
    if (index > 0 && plan.chunkDelayMs > 0) await sleep(plan.chunkDelayMs, plan.signal);
    if (plan.signal.aborted || response.destroyed) return 'gone';
    if (writer === undefined) response.write(payload);
    else await writer.write(payload);
    if (index === plan.streamErrorAfter) break;
  }
  await writer?.flush();
  if (plan.signal.aborted || response.destroyed) return 'gone';
  response.end();
  return 'ended';
}

/**
 * Writes payloads in pieces, pausing after each so they leave as separate TCP segments.
 * `awkward` cuts every event inside its first field name (`dat|a:`), in the middle of its data (inside a
 * multi-byte character when there is one) and between the two line endings of its terminator, whose
 * last byte travels with the next event.
 */
class SplitWriter {
  #pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly response: ServerResponse,
    private readonly mode: SplitWrites,
    private readonly flushDelayMs: number,
    private readonly signal: AbortSignal,
  ) {}

  async write(payload: string | Buffer): Promise<void> {
    const bytes = Buffer.concat([this.#pending, Buffer.from(payload)]);
    const cuts = this.mode === 'awkward' ? awkwardCuts(bytes, this.#pending.length) : fixedCuts(bytes.length, this.mode.bytes);
    let start = 0;
    for (const cut of cuts) {
      await this.#send(bytes.subarray(start, cut));
      start = cut;
    }
    this.#pending = bytes.subarray(start);
  }

  async flush(): Promise<void> {
    if (this.#pending.length > 0) await this.#send(this.#pending);
    this.#pending = Buffer.alloc(0);
  }

  async #send(piece: Buffer): Promise<void> {
    if (piece.length === 0 || this.signal.aborted || this.response.destroyed) return;
    this.response.write(piece);
    await sleep(this.flushDelayMs, this.signal);
  }
}

/** Cut points for one event (offset = bytes carried over from the previous event); the tail byte stays pending. */
function awkwardCuts(bytes: Buffer, offset: number): number[] {
  const end = bytes.length - 1;
  const first = Math.min(offset + 3, end);
  let middle = offset + Math.floor((bytes.length - offset) / 2);
  for (let index = first + 1; index < end; index++) {
    if ((bytes[index]! & 0xc0) === 0x80) {
      middle = index;
      break;
    }
  }
  return [...new Set([first, middle, end])].filter((cut) => cut > 0 && cut <= end).sort((a, b) => a - b);
}

/** Cut points every `size` bytes; the remainder stays pending so sizes hold across events. */
function fixedCuts(length: number, size: number): number[] {
  const step = Math.max(1, Math.floor(size));
  const cuts: number[] = [];
  for (let cut = step; cut <= length; cut += step) cuts.push(cut);
  return cuts;
}

/** Resolves after `ms`, or at once when the signal aborts (never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Resolves when the signal aborts: a hang that ends with the client or the server. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
