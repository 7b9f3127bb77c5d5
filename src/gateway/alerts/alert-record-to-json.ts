/** An alert history record in its public form: snake_case, times as ISO-8601 UTC, money as decimal strings. */
import type { AlertRecord } from '../../core/ports/index.ts';

export function alertRecordToJson(record: AlertRecord) {
  return {
    id: record.id,
    time: record.time.toISOString(),
    rule: record.rule,
    kind: record.kind,
    scope: record.scope,
    value: record.value,
    threshold: record.threshold,
    unit: record.unit,
    window: record.window === null ? null : { name: record.window.name, start: record.window.start.toISOString(), end: record.window.end?.toISOString() ?? null },
    message: record.message,
    link: record.link,
    details: record.details,
    channel: record.channel,
    target: record.target,
    status: record.status,
    attempts: record.attempts,
    last_error: record.lastError,
    attempt_log: record.attemptLog.map((attempt) => ({
      time: attempt.time.toISOString(),
      duration_ms: attempt.durationMs,
      http_status: attempt.httpStatus,
      error: attempt.error,
    })),
    updated_at: record.updatedAt.toISOString(),
  };
}

export type AlertRecordJson = ReturnType<typeof alertRecordToJson>;
