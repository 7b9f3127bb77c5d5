/** Hooks the proxy calls as rows open and settle (metrics, alerts); kept out of the flow itself. */
import type { LedgerRow } from '../../core/ports/index.ts';

export interface ProxyObserver {
  started(row: LedgerRow): void;
  finished(row: LedgerRow): void;
}
