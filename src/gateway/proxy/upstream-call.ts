/**
 * One upstream HTTP exchange as an undici dispatch handler: the response's status and headers
 * arrive as a promise, its body as chunks handed to one consumer (the whole body, or each chunk
 * as it comes with backpressure). undici's `request()` wraps the same exchange in a Node Readable
 * with an abort signal, an async iterator and end-of-stream tracking per request; this is the
 * part of that the proxy uses.
 */
import { CostOpsError } from '../../core/errors/index.ts';

export type UpstreamHeaders = Record<string, string | string[] | undefined>;

export interface UpstreamHead {
  readonly status: number;
  readonly headers: UpstreamHeaders;
}

/** The body of an upstream response, read once. */
export interface UpstreamBody {
  /** The whole body. */
  read(): Promise<Buffer>;
  /**
   * Hands each chunk to `onChunk` in order and resolves at the end of the body. When `onChunk`
   * returns a promise, reading pauses until it settles. Rejects when the exchange fails or is
   * cut by `destroy()`.
   */
  each(onChunk: (chunk: Buffer) => void | Promise<void>): Promise<void>;
  /** Cuts the exchange (the client went away); a pending read rejects. */
  destroy(): void;
  /**
   * Whether the upstream has sent the whole body: true while `each` hands over chunks that
   * arrived with the end of the response (nothing more will follow them).
   */
  readonly complete: boolean;
}

type Consumer = (chunk: Buffer) => void | Promise<void>;

/** The undici (legacy-style) dispatch handler of one exchange; `head` settles with the response headers. */
export class UpstreamCall implements UpstreamBody {
  readonly head: Promise<UpstreamHead>;
  #resolveHead!: (head: UpstreamHead) => void;
  #rejectHead!: (error: unknown) => void;
  #headDone = false;
  #abort: ((reason: Error) => void) | undefined;
  #abortReason: Error | undefined;
  #resume: (() => void) | undefined;
  /** Chunks that arrived before a consumer did. */
  #buffered: Buffer[] = [];
  #consumer: Consumer | undefined;
  #ended = false;
  #error: unknown;
  #settleBody: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  /** A consumer's pending promise: the chunks behind it wait. */
  #waiting = false;

  constructor() {
    this.head = new Promise<UpstreamHead>((resolve, reject) => {
      this.#resolveHead = resolve;
      this.#rejectHead = reject;
    });
    // a head nobody awaits (the exchange failed after the caller gave up) must not crash the process
    this.head.catch(() => undefined);
  }

  /** Cuts the exchange with `reason` (before it is connected, as soon as it is). */
  abort(reason: Error): void {
    if (this.#abortReason !== undefined || this.#ended) return;
    this.#abortReason = reason;
    this.#abort?.(reason);
  }

  get complete(): boolean {
    return this.#ended && this.#error === undefined;
  }

  destroy(): void {
    this.abort(new CostOpsError('upstream_error', 'the upstream response was cut: its reader went away'));
  }

  read(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    return this.each((chunk) => void chunks.push(chunk)).then(() => (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  }

  each(onChunk: Consumer): Promise<void> {
    if (this.#consumer !== undefined || this.#settleBody !== undefined) return Promise.reject(new Error('an upstream body is read once'));
    return new Promise<void>((resolve, reject) => {
      this.#settleBody = { resolve, reject };
      this.#consumer = onChunk;
      this.#drain();
    });
  }

  // ——— undici's dispatch handler ———

  onConnect(abort: (reason: Error) => void): void {
    this.#abort = abort;
    if (this.#abortReason !== undefined) abort(this.#abortReason);
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (statusCode < 200) return true; // informational (100 Continue): the real head follows
    this.#resume = resume;
    this.#headDone = true;
    this.#resolveHead({ status: statusCode, headers: parseRawHeaders(rawHeaders) });
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#consumer === undefined || this.#waiting || this.#buffered.length > 0) {
      this.#buffered.push(chunk);
      // no reader yet, or one catching up: hold the socket until it asks for more
      return this.#consumer === undefined ? true : false;
    }
    return this.#deliver(chunk);
  }

  onComplete(): void {
    this.#ended = true;
    this.#drain();
  }

  onError(error: Error): void {
    const reason = this.#abortReason ?? error;
    this.#error = reason;
    this.#ended = true;
    if (!this.#headDone) {
      this.#headDone = true;
      this.#rejectHead(reason);
    }
    this.#buffered = [];
    const settle = this.#settleBody;
    if (settle !== undefined) {
      this.#settleBody = undefined;
      settle.reject(reason);
    }
  }

  /** Hands one chunk to the consumer; false when it asked to wait (reading pauses). */
  #deliver(chunk: Buffer): boolean {
    let pending: void | Promise<void>;
    try {
      pending = this.#consumer!(chunk);
    } catch (error) {
      this.abort(error instanceof Error ? error : new Error(String(error)));
      return false;
    }
    if (pending === undefined) return true;
    this.#waiting = true;
    pending.then(
      () => {
        this.#waiting = false;
        this.#drain();
      },
      (error: unknown) => {
        this.#waiting = false;
        this.abort(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return false;
  }

  /** Delivers buffered chunks while the consumer keeps up; settles the body at its end. */
  #drain(): void {
    if (this.#consumer === undefined || this.#settleBody === undefined) return;
    while (this.#buffered.length > 0 && !this.#waiting) {
      if (!this.#deliver(this.#buffered.shift()!)) return;
    }
    if (this.#waiting) return;
    if (this.#ended && this.#error === undefined) {
      const settle = this.#settleBody;
      this.#settleBody = undefined;
      settle.resolve();
    } else if (!this.#ended) this.#resume?.();
  }
}

/** undici's raw header list (name, value, name, value, …) as lower-case names to values. */
export function parseRawHeaders(raw: readonly Buffer[]): UpstreamHeaders {
  // no prototype: a header named __proto__ is just a header
  const headers: UpstreamHeaders = Object.create(null) as UpstreamHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!.toString('latin1').toLowerCase();
    const value = raw[index + 1]!.toString('latin1');
    const existing = headers[name];
    if (existing === undefined) headers[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else headers[name] = [existing, value];
  }
  return headers;
}
