/**
 * The load generator: HTTP/1.1 keep-alive through an undici Pool, driven with `pool.dispatch` and
 * a bare handler (no Readable per response), timed with process.hrtime.bigint() so latencies keep
 * their microseconds. Two drivers:
 * - openLoop: sends on a fixed schedule (request i at start + i/rate), whether or not earlier ones
 *   came back; latency is timed from the moment a request was actually handed to the pool, and
 *   the schedule's lateness is reported beside it.
 * - closedLoop: N workers, each sending its next request when its previous one completed, for the
 *   maximum throughput; only completions inside the measurement window count.
 * Every response is checked (status 200 plus the target's own check) and timed: to its first body
 * byte (TTFB) and to its end.
 */
import { Pool } from 'undici';

export interface Target {
  readonly origin: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  /** Returns a problem with a 200 response, or undefined when it is right. */
  readonly check: (response: { headers: readonly Buffer[]; body: Buffer }) => string | undefined;
}

/** Times of one run, in milliseconds (float, µs resolution and below). */
export interface RunResult {
  /** Requests sent (all of them completed: a run ends only when nothing is in flight). */
  sent: number;
  /** Completions counted (for closedLoop: only inside the measurement window). */
  completed: number;
  failures: number;
  firstFailure: string | undefined;
  latencies: number[];
  ttfbs: number[];
  /** Length of the measured window, seconds. */
  seconds: number;
  /** openLoop: how late the schedule ran at worst, ms. */
  maxLateMs: number;
}

type Done = (failure: string | undefined, latencyNs: bigint, ttfbNs: bigint) => void;

export function createPool(origin: string, connections: number): Pool {
  return new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
}

/** Sends one request and calls `done` when its body ended (or it failed). */
function send(pool: Pool, target: Target, done: Done): void {
  const started = process.hrtime.bigint();
  let status = 0;
  let rawHeaders: Buffer[] = [];
  let firstByte = 0n;
  const chunks: Buffer[] = [];
  pool.dispatch(
    { method: 'POST', path: target.path, headers: target.headers, body: target.body },
    {
      onConnect() {},
      onHeaders(statusCode: number, headers: Buffer[]) {
        status = statusCode;
        rawHeaders = headers;
        return true;
      },
      onData(chunk: Buffer) {
        if (firstByte === 0n) firstByte = process.hrtime.bigint();
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        const ended = process.hrtime.bigint();
        const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        const problem = status !== 200 ? `HTTP ${status}: ${body.toString('utf8').slice(0, 300)}` : target.check({ headers: rawHeaders, body });
        done(problem, ended - started, (firstByte || ended) - started);
      },
      onError(error: Error) {
        done(`request failed: ${error.message}`, process.hrtime.bigint() - started, 0n);
      },
    } as unknown as Parameters<Pool['dispatch']>[1],
  );
}

function emptyResult(): RunResult {
  return { sent: 0, completed: 0, failures: 0, firstFailure: undefined, latencies: [], ttfbs: [], seconds: 0, maxLateMs: 0 };
}

function record(result: RunResult, failure: string | undefined, latencyNs: bigint, ttfbNs: bigint): void {
  result.completed++;
  if (failure !== undefined) {
    result.failures++;
    result.firstFailure ??= failure;
    return;
  }
  result.latencies.push(Number(latencyNs) / 1e6);
  result.ttfbs.push(Number(ttfbNs) / 1e6);
}

/** `rate` requests per second for `durationMs`, on schedule; resolves when the last one completed. */
export function openLoop(pool: Pool, target: Target, rate: number, durationMs: number): Promise<RunResult> {
  const result = emptyResult();
  const total = Math.round((rate * durationMs) / 1000);
  const intervalNs = 1e9 / rate;
  const start = process.hrtime.bigint() + 1_000_000n;
  const due = (index: number) => start + BigInt(Math.round(index * intervalNs));
  let inFlight = 0;
  return new Promise((resolve) => {
    const finish = () => {
      result.seconds = durationMs / 1000;
      resolve(result);
    };
    const onDone: Done = (failure, latencyNs, ttfbNs) => {
      inFlight--;
      record(result, failure, latencyNs, ttfbNs);
      if (result.sent === total && inFlight === 0) finish();
    };
    const tick = () => {
      const now = process.hrtime.bigint();
      while (result.sent < total && due(result.sent) <= now) {
        const late = Number(now - due(result.sent)) / 1e6;
        if (late > result.maxLateMs) result.maxLateMs = late;
        result.sent++;
        inFlight++;
        send(pool, target, onDone);
      }
      if (result.sent < total) setTimeout(tick, Number(due(result.sent) - process.hrtime.bigint()) / 1e6);
    };
    tick();
  });
}

/**
 * `concurrency` workers back to back for warmupMs + durationMs; `onWindow` is called when the
 * measurement window opens and when it closes (to read CPU counters at the same instants).
 */
export function closedLoop(
  pool: Pool,
  target: Target,
  options: { concurrency: number; warmupMs: number; durationMs: number; onWindow?: (edge: 'open' | 'close') => void },
): Promise<RunResult> {
  const result = emptyResult();
  let phase: 'warmup' | 'window' | 'drain' = 'warmup';
  let windowStarted = 0n;
  let inFlight = 0;
  return new Promise((resolve) => {
    const onDone: Done = (failure, latencyNs, ttfbNs) => {
      inFlight--;
      if (phase === 'window') record(result, failure, latencyNs, ttfbNs);
      else if (failure !== undefined) {
        result.failures++;
        result.firstFailure ??= failure;
      }
      if (phase !== 'drain') launch();
      else if (inFlight === 0) resolve(result);
    };
    const launch = () => {
      result.sent++;
      inFlight++;
      send(pool, target, onDone);
    };
    setTimeout(() => {
      options.onWindow?.('open');
      windowStarted = process.hrtime.bigint();
      phase = 'window';
      setTimeout(() => {
        const ended = process.hrtime.bigint();
        options.onWindow?.('close');
        phase = 'drain';
        result.seconds = Number(ended - windowStarted) / 1e9;
        if (inFlight === 0) resolve(result);
      }, options.durationMs);
    }, options.warmupMs);
    for (let worker = 0; worker < options.concurrency; worker++) launch();
  });
}

/** Nearest-rank percentile of unsorted values (sorts a copy). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** True when the raw header list has a header of that (lower-case) name. */
export function hasHeader(rawHeaders: readonly Buffer[], name: string): boolean {
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const header = rawHeaders[index]!;
    if (header.length === name.length && header.toString('latin1').toLowerCase() === name) return true;
  }
  return false;
}
