/**
 * The alert history port (SPEC §13): one record per alert and channel it went to, with the
 * delivery's progress (pending → sent | failed), every attempt's outcome, and the alert's
 * dedupe key, so that a restart knows what was already sent. The dashboard and
 * `GET /api/alerts` read it.
 */
import type { AlertKind, AlertScope, AlertUnit } from '../alerts/index.ts';

export type AlertDeliveryStatus = 'pending' | 'sent' | 'failed';

/** `dashboard`: no external channel; the alert is only shown (recorded as sent). */
export type AlertChannelKind = 'webhook' | 'slack' | 'dashboard';

/** One delivery attempt. */
export interface AlertAttempt {
  time: Date;
  durationMs: number;
  /** The receiver's HTTP status; null when none came (timeout, refused connection). */
  httpStatus: number | null;
  /** Why the attempt failed; null when it succeeded. */
  error: string | null;
}

export interface AlertRecord {
  id: string;
  rule: string;
  /** An AlertKind, or `test` for `POST /api/alerts/test`. */
  kind: AlertKind | 'test';
  /** The scope's tenant, if it names one: tenant-scoped readers see only their tenant's alerts. */
  tenant: string | null;
  scope: AlertScope;
  value: string;
  threshold: string | null;
  unit: AlertUnit;
  window: { name: string; start: Date; end: Date | null } | null;
  /** When the alert was triggered. */
  time: Date;
  message: string;
  /** Dashboard URL showing the traffic concerned. */
  link: string | null;
  details: Record<string, string | number>;
  dedupeKey: string;
  channel: AlertChannelKind;
  /** The receiver's origin only (`https://hooks.slack.com`): webhook paths often hold secrets. */
  target: string | null;
  status: AlertDeliveryStatus;
  attempts: number;
  lastError: string | null;
  /** Every attempt, oldest first. */
  attemptLog: AlertAttempt[];
  updatedAt: Date;
}

/** What `record()` takes: the alert and where it goes; delivery starts as `pending` unless said otherwise. */
export type AlertRecordInput = Omit<AlertRecord, 'id' | 'status' | 'attempts' | 'lastError' | 'attemptLog' | 'updatedAt'> &
  Partial<Pick<AlertRecord, 'status' | 'attempts' | 'lastError' | 'attemptLog'>>;

/** A delivery's progress after an attempt. */
export type AlertDeliveryPatch = Pick<AlertRecord, 'status' | 'attempts' | 'lastError' | 'attemptLog' | 'updatedAt'>;

export interface AlertHistoryQuery {
  /** Inclusive lower bound on `time`. */
  since?: Date;
  /** Exclusive upper bound on `time`. */
  until?: Date;
  rule?: string;
  status?: AlertDeliveryStatus;
  tenant?: string;
  /** 1…1000, default 100. */
  limit?: number;
}

export interface AlertHistoryStore {
  /** Stores a new record; resolves once committed. */
  record(input: AlertRecordInput): Promise<AlertRecord>;
  /** Records a delivery's progress; rejects with not_found for an unknown id. */
  update(id: string, patch: AlertDeliveryPatch): Promise<AlertRecord>;
  /** Newest first (by time, then id). */
  list(query?: AlertHistoryQuery): Promise<AlertRecord[]>;
  /** The dedupe keys of alerts triggered since `since` (each once, with its latest time). */
  firedSince(since: Date): Promise<{ dedupeKey: string; time: Date }[]>;
  close(): Promise<void>;
}
