import { checkUsage } from './reply.ts';
import type { FakeRequest } from './request.ts';
import type { FakeRoute, RateLimitInfo, RequestPredicate, Scenario, ScenarioError, ScenarioHandler, SplitWrites } from './types.ts';

export interface ScriptOptions {
  /** Only requests for which this is true take the entry (default: any request, in queue order). */
  when?: RequestPredicate;
  /** How many requests the entry answers before it is used up (default 1; `Infinity` keeps it). */
  times?: number;
}

interface ScriptEntry {
  answer: Scenario | ScenarioHandler;
  when: RequestPredicate | undefined;
  remaining: number;
}

/** Scripted answers: the first entry (in the order scripted) whose predicate matches takes the request. */
export class ScriptQueue {
  #entries: ScriptEntry[] = [];

  add(answer: Scenario | ScenarioHandler, options: ScriptOptions = {}): void {
    const times = options.times ?? 1;
    if (!(times >= 1)) throw new Error(`fake upstream: script times must be at least 1, got ${times}`);
    if (typeof answer !== 'function' && answer.usage !== undefined) checkUsage(answer.usage);
    this.#entries.push({ answer, when: options.when, remaining: times });
  }

  /** The scenario for a request (`undefined`: default reply); consumes one use of the matching entry. */
  take(request: FakeRequest): Scenario | ScenarioHandler | undefined {
    if (this.#entries.length === 0) return undefined;
    const index = this.#entries.findIndex((entry) => entry.when === undefined || entry.when(request));
    const entry = this.#entries[index];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#entries.splice(index, 1);
    return entry.answer;
  }

  /** Entries not used up yet (persistent ones included). */
  get pending(): number {
    return this.#entries.length;
  }

  clear(): void {
    this.#entries = [];
  }
}

// ── Scenario builders: plain objects, so they combine with spread: { ...slowChunks(20), usage: {…} } ──

/** An error with the provider's body for this status (fields left out get the provider's usual values). */
export function failWith(status: number, error: Omit<ScenarioError, 'status'> = {}): Scenario {
  return { error: { status, ...error } };
}

/** 429 with `retry-after` and rate-limit headers (`x-ratelimit-*` on OpenAI, `anthropic-ratelimit-*` on Anthropic). */
export function rateLimited(options: { retryAfter?: number | string; rateLimit?: RateLimitInfo; error?: Omit<ScenarioError, 'status'> } = {}): Scenario {
  const retryAfter = options.retryAfter ?? 1;
  const seconds = Number(retryAfter);
  return {
    error: { status: 429, ...options.error },
    retryAfter,
    rateLimit: options.rateLimit ?? {
      limitRequests: 60,
      remainingRequests: 0,
      resetRequestsSeconds: Number.isFinite(seconds) ? seconds : 1,
      limitTokens: 150_000,
      remainingTokens: 0,
      resetTokensSeconds: Number.isFinite(seconds) ? seconds : 1,
    },
  };
}

/** 529 overloaded (Anthropic `overloaded_error`; OpenAI `server_error`, Gemini `UNAVAILABLE` bodies). */
export function overloaded(): Scenario {
  return failWith(529);
}

/** Waits `ms` before sending the status line and headers. */
export function slowFirstByte(ms: number): Scenario {
  return { firstByteDelayMs: ms };
}

/** Waits `ms` between stream events. */
export function slowChunks(ms: number): Scenario {
  return { chunkDelayMs: ms };
}

/** Destroys the socket after `events` stream events (no terminating chunk: the client sees an error). */
export function cutAfterEvents(events: number): Scenario {
  return { cutAfterEvents: events };
}

/** Sends `events` stream events, then nothing until the client or the server closes. */
export function stallAfterEvents(events: number): Scenario {
  return { stallAfterEvents: events };
}

/** Never answers; the request ends when the client gives up or the fake closes. */
export function hang(): Scenario {
  return { hang: true };
}

/** Writes events in pieces at awkward byte boundaries (default) or every `bytes` bytes, flushing between pieces. */
export function splitWrites(mode: SplitWrites = 'awkward', flushDelayMs?: number): Scenario {
  return flushDelayMs === undefined ? { splitWrites: mode } : { splitWrites: mode, flushDelayMs };
}

/** After `afterEvents` events, sends the provider's in-stream error event and ends the stream. */
export function failMidStream(afterEvents: number, error: Partial<ScenarioError> = {}): Scenario {
  return { streamError: { afterEvents, ...error } };
}

// ── Predicates for ScriptOptions.when ──

export function byModel(model: string): RequestPredicate {
  return (request) => request.model === model;
}

/** Header present (any value) or equal to `value`. */
export function byHeader(name: string, value?: string): RequestPredicate {
  const key = name.toLowerCase();
  return (request) => {
    const actual = request.headers[key];
    if (actual === undefined) return false;
    return value === undefined || (Array.isArray(actual) ? actual.includes(value) : actual === value);
  };
}

export function byPath(prefix: string): RequestPredicate {
  return (request) => request.path.startsWith(prefix);
}

export function byRoute(route: FakeRoute): RequestPredicate {
  return (request) => request.route === route;
}
