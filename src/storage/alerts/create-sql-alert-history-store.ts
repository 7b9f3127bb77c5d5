/**
 * An AlertHistoryStore over any Kysely database with the `alert_history` table (SQLite now,
 * Postgres later: the queries are dialect-neutral). Opening and migrating is the adapter's job.
 * Every write is one autocommitted statement: alerts are rare, and a statement that holds no
 * transaction open can never keep the ledger's group commits waiting on the same file.
 */
import type { Kysely, Selectable } from 'kysely';
import { CostOpsError } from '../../core/errors/index.ts';
import type {
  AlertAttempt,
  AlertChannelKind,
  AlertDeliveryStatus,
  AlertHistoryStore,
  AlertRecord,
  AlertRecordInput,
} from '../../core/ports/index.ts';
import { createLedgerIdGenerator } from '../ledger-id.ts';
import { readNumber } from '../sql/read-sql-value.ts';
import type { AlertHistoryDatabase, AlertHistoryTable } from './alert-history-database.ts';

export interface SqlAlertHistoryStoreOptions {
  db: Kysely<AlertHistoryDatabase>;
  /** Releases the database; called once by close(). */
  destroy: () => Promise<void>;
  /** Makes the id of an alert triggered at `timeMs` (default: sortable, ULID-like). */
  newId?: (timeMs: number) => string;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** Creates the store; the schema must already be migrated. */
export function createSqlAlertHistoryStore(options: SqlAlertHistoryStoreOptions): AlertHistoryStore {
  const { db } = options;
  const generate = options.newId ?? createLedgerIdGenerator();
  let closing: Promise<void> | undefined;

  function ensureOpen(): void {
    if (closing !== undefined) throw new CostOpsError('internal_error', 'the alert history store is closed; open a new one');
  }

  async function read(id: string): Promise<AlertRecord> {
    const row = await db.selectFrom('alert_history').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw new CostOpsError('not_found', `no alert with id "${id}" in the history`);
    return toRecord(row);
  }

  return {
    async record(input: AlertRecordInput) {
      ensureOpen();
      const id = `alr_${generate(input.time.getTime())}`;
      const attemptLog = input.attemptLog ?? [];
      await db
        .insertInto('alert_history')
        .values({
          id,
          rule: input.rule,
          kind: input.kind,
          tenant: input.tenant,
          scope: JSON.stringify(input.scope),
          value: input.value,
          threshold: input.threshold,
          unit: input.unit,
          window_name: input.window?.name ?? null,
          window_start: input.window?.start.getTime() ?? null,
          window_end: input.window?.end?.getTime() ?? null,
          time: input.time.getTime(),
          message: input.message,
          link: input.link,
          details: JSON.stringify(input.details),
          dedupe_key: input.dedupeKey,
          channel: input.channel,
          target: input.target,
          status: input.status ?? 'pending',
          attempts: input.attempts ?? 0,
          last_error: input.lastError ?? null,
          attempt_log: JSON.stringify(attemptLog.map(attemptToJson)),
          updated_at: input.time.getTime(),
        })
        .execute();
      return read(id);
    },

    async update(id, patch) {
      ensureOpen();
      const result = await db
        .updateTable('alert_history')
        .set({
          status: patch.status,
          attempts: patch.attempts,
          last_error: patch.lastError,
          attempt_log: JSON.stringify(patch.attemptLog.map(attemptToJson)),
          updated_at: patch.updatedAt.getTime(),
        })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new CostOpsError('not_found', `no alert with id "${id}" in the history`);
      return read(id);
    },

    async list(query = {}) {
      ensureOpen();
      const limit = query.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw new CostOpsError('invalid_request', `alert history limit must be a whole number from 1 to ${MAX_LIMIT}, got ${limit}`);
      }
      let select = db.selectFrom('alert_history').selectAll();
      if (query.since !== undefined) select = select.where('time', '>=', query.since.getTime());
      if (query.until !== undefined) select = select.where('time', '<', query.until.getTime());
      if (query.rule !== undefined) select = select.where('rule', '=', query.rule);
      if (query.status !== undefined) select = select.where('status', '=', query.status);
      if (query.tenant !== undefined) select = select.where('tenant', '=', query.tenant);
      const rows = await select.orderBy('time', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toRecord);
    },

    async firedSince(since) {
      ensureOpen();
      const rows = await db
        .selectFrom('alert_history')
        .select((eb) => ['dedupe_key', eb.fn.max('time').as('time')])
        .where('time', '>=', since.getTime())
        .groupBy('dedupe_key')
        .execute();
      return rows.map((row) => ({ dedupeKey: row.dedupe_key, time: new Date(readNumber(row.time)!) }));
    },

    close() {
      closing ??= options.destroy();
      return closing;
    },
  };
}

function attemptToJson(attempt: AlertAttempt) {
  return { time: attempt.time.getTime(), duration_ms: attempt.durationMs, http_status: attempt.httpStatus, error: attempt.error };
}

function attemptFromJson(json: { time: number; duration_ms: number; http_status: number | null; error: string | null }): AlertAttempt {
  return { time: new Date(json.time), durationMs: json.duration_ms, httpStatus: json.http_status, error: json.error };
}

function toRecord(row: Selectable<AlertHistoryTable>): AlertRecord {
  const windowStart = readNumber(row.window_start);
  const windowEnd = readNumber(row.window_end);
  return {
    id: row.id,
    rule: row.rule,
    kind: row.kind as AlertRecord['kind'],
    tenant: row.tenant,
    scope: JSON.parse(row.scope) as AlertRecord['scope'],
    value: row.value,
    threshold: row.threshold,
    unit: row.unit as AlertRecord['unit'],
    window:
      row.window_name === null || windowStart === null
        ? null
        : { name: row.window_name, start: new Date(windowStart), end: windowEnd === null ? null : new Date(windowEnd) },
    time: new Date(readNumber(row.time)!),
    message: row.message,
    link: row.link,
    details: JSON.parse(row.details) as AlertRecord['details'],
    dedupeKey: row.dedupe_key,
    channel: row.channel as AlertChannelKind,
    target: row.target,
    status: row.status as AlertDeliveryStatus,
    attempts: readNumber(row.attempts)!,
    lastError: row.last_error,
    attemptLog: (JSON.parse(row.attempt_log) as Parameters<typeof attemptFromJson>[0][]).map(attemptFromJson),
    updatedAt: new Date(readNumber(row.updated_at)!),
  };
}
