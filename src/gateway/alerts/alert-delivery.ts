/**
 * Delivering alerts in the background (SPEC §13): `enqueue()` returns at once and nothing on the
 * request path ever waits for a receiver. Each alert and target is recorded in the history as
 * `pending`, sent at once, and retried with exponential backoff and jitter when the receiver
 * fails or does not answer within the per-attempt timeout; every attempt is recorded, and the
 * record ends `sent` or `failed`.
 */
import type { AlertAttempt, AlertHistoryStore, AlertRecord, AlertRecordInput, Clock } from '../../core/ports/index.ts';
import { backoffDelayMs } from './backoff-delay.ts';
import type { AlertTarget } from './alert-target.ts';
import { targetOrigin } from './alert-target.ts';
import type { OutgoingAlert } from './outgoing-alert.ts';
import { postJson, type AttemptResult } from './post-json.ts';
import { slackPayload } from './slack-payload.ts';
import { webhookPayload } from './webhook-payload.ts';

export interface AlertDeliveryOptions {
  /** Per attempt, the whole exchange (default 5000 ms): a hanging receiver costs this, never more. */
  readonly timeoutMs?: number;
  /** Attempts per alert and target, the first included (default 4). */
  readonly maxAttempts?: number;
  /** Wait before the second attempt, doubled before each next one, with jitter (default 500 ms). */
  readonly baseDelayMs?: number;
  /** Longest wait between two attempts (default 30 s). */
  readonly maxDelayMs?: number;
  /** Deliveries in progress beyond this are recorded as failed instead of queued (default 1000). */
  readonly maxInFlight?: number;
}

/** Timers, injectable so tests can drive retries; the default ones do not keep the process alive. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AlertDeliveryDeps extends AlertDeliveryOptions {
  readonly history: AlertHistoryStore;
  readonly clock: Clock;
  readonly fetch?: typeof fetch;
  readonly scheduler?: Scheduler;
  /** [0, 1), for the jitter. */
  readonly random?: () => number;
  /** A history write failed (deliveries go on; the failure must not reach the request path). */
  readonly onError?: (error: unknown) => void;
}

export interface AlertDispatch {
  /** The dashboard URL for the alert. */
  readonly link: string;
  /** None: the alert is only recorded, for the dashboard, as sent. */
  readonly targets: readonly AlertTarget[];
}

export interface AlertDelivery {
  /** Records and delivers in the background; returns at once and never throws. */
  enqueue(alert: OutgoingAlert, dispatch: AlertDispatch): void;
  /** One attempt per target, now, recorded like any delivery; resolves with the records (`POST /api/alerts/test`). */
  sendNow(alert: OutgoingAlert, dispatch: AlertDispatch): Promise<AlertRecord[]>;
  /** Resolves once every delivery started so far has ended (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops retrying and cancels attempts in flight; unfinished deliveries are recorded as failed. */
  close(): Promise<void>;
}

const defaultScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const STOPPED = 'the gateway stopped before the alert was delivered';

export function createAlertDelivery(deps: AlertDeliveryDeps): AlertDelivery {
  const timeoutMs = deps.timeoutMs ?? 5000;
  const maxAttempts = Math.max(1, deps.maxAttempts ?? 4);
  const policy = { baseDelayMs: deps.baseDelayMs ?? 500, maxDelayMs: deps.maxDelayMs ?? 30_000 };
  const maxInFlight = deps.maxInFlight ?? 1000;
  const scheduler = deps.scheduler ?? defaultScheduler;
  const onError = deps.onError ?? (() => {});
  const stop = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  const sleepers = new Set<() => void>();

  function track(work: Promise<unknown>): void {
    const tracked = work.catch(onError).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        sleepers.delete(wake);
        scheduler.clearTimeout(handle);
        resolve();
      };
      const handle = scheduler.setTimeout(wake, ms);
      sleepers.add(wake);
    });
  }

  function recordInput(alert: OutgoingAlert, link: string, target: AlertTarget | undefined): AlertRecordInput {
    return {
      rule: alert.rule,
      kind: alert.kind,
      tenant: alert.scope.tenant !== undefined && alert.scope.tenant !== '*' ? alert.scope.tenant : null,
      scope: alert.scope,
      value: alert.value,
      threshold: alert.threshold,
      unit: alert.unit,
      window: alert.window,
      time: alert.time,
      message: alert.message,
      link,
      details: alert.details,
      dedupeKey: alert.dedupeKey,
      channel: target?.kind ?? 'dashboard',
      target: target === undefined ? null : targetOrigin(target.url),
    };
  }

  async function attempt(alert: OutgoingAlert, link: string, target: AlertTarget, id: string): Promise<{ result: AttemptResult; log: AlertAttempt }> {
    const body = target.kind === 'slack' ? slackPayload(alert, { link }) : webhookPayload(alert, { id, link });
    const time = deps.clock.now();
    const started = performance.now();
    const result = await postJson(target.url, body, { timeoutMs, signal: stop.signal, ...(deps.fetch && { fetch: deps.fetch }) });
    return { result, log: { time, durationMs: Math.round(performance.now() - started), httpStatus: result.httpStatus, error: result.error } };
  }

  async function deliver(alert: OutgoingAlert, link: string, target: AlertTarget): Promise<void> {
    const record = await deps.history.record(recordInput(alert, link, target));
    const log: AlertAttempt[] = [];
    let lastError: string | null = null;
    for (let number = 1; ; number++) {
      const { result, log: entry } = await attempt(alert, link, target, record.id);
      log.push(entry);
      lastError = result.error ?? lastError;
      const final = result.ok || !result.retryable || number >= maxAttempts || stop.signal.aborted;
      const status = result.ok ? 'sent' : final ? 'failed' : 'pending';
      await deps.history.update(record.id, { status, attempts: number, lastError, attemptLog: [...log], updatedAt: deps.clock.now() });
      if (final) return;
      await sleep(backoffDelayMs(number, policy, deps.random));
      if (stop.signal.aborted) {
        await deps.history.update(record.id, { status: 'failed', attempts: number, lastError: STOPPED, attemptLog: [...log], updatedAt: deps.clock.now() });
        return;
      }
    }
  }

  return {
    enqueue(alert, dispatch) {
      if (stop.signal.aborted) return;
      if (dispatch.targets.length === 0) {
        track(deps.history.record({ ...recordInput(alert, dispatch.link, undefined), status: 'sent' }));
        return;
      }
      for (const target of dispatch.targets) {
        if (inFlight.size >= maxInFlight) {
          // A flood of alerts must not grow memory without bound; it is still recorded.
          track(deps.history.record({ ...recordInput(alert, dispatch.link, target), status: 'failed', lastError: `not delivered: ${maxInFlight} deliveries already in progress` }));
          continue;
        }
        track(deliver(alert, dispatch.link, target));
      }
    },

    async sendNow(alert, dispatch) {
      const records: AlertRecord[] = [];
      for (const target of dispatch.targets) {
        const record = await deps.history.record(recordInput(alert, dispatch.link, target));
        const { result, log } = await attempt(alert, dispatch.link, target, record.id);
        records.push(
          await deps.history.update(record.id, { status: result.ok ? 'sent' : 'failed', attempts: 1, lastError: result.error, attemptLog: [log], updatedAt: deps.clock.now() }),
        );
      }
      return records;
    },

    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    async close() {
      stop.abort();
      for (const wake of [...sleepers]) wake();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
