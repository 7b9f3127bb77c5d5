/** An alert on its way out: a triggered one, or the test alert of `POST /api/alerts/test`. */
import type { AlertEvent, AlertKind } from '../../core/alerts/index.ts';

export type OutgoingAlert = Omit<AlertEvent, 'kind'> & { readonly kind: AlertKind | 'test' };
