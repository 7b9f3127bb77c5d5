/** Hooks the proxy calls as rows open and settle (metrics, alerts); kept out of the flow itself. */
import type { LedgerRow } from '../../core/ports/index.ts';

export interface ProxyObserver {
  started(row: LedgerRow): void;
  finished(row: LedgerRow): void;
}

/**
 * Tells the observer a row settled once the current turn is over: after the response that waited
 * for the row has been written, so metrics and alert rules never delay a client. An observer that
 * throws is reported, never a crash.
 */
export function notifyFinished(observer: ProxyObserver | undefined, row: LedgerRow): void {
  if (observer === undefined) return;
  setImmediate(() => {
    try {
      observer.finished(row);
    } catch (error) {
      console.error('costops: a request observer (metrics, alerts) failed:', error);
    }
  });
}
