/**
 * Alert history (SPEC §13) lives in the ledger's database like keys and idempotency records, so
 * a backup holds it and every instance on the same file or Postgres database sees one history.
 * One row per alert and channel. Times are epoch milliseconds like the ledger's; structured
 * fields (scope, details, the attempt log) are JSON text, read only for display.
 */
import type { Kysely, Migration } from 'kysely';

export const createAlertHistory: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('alert_history')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('rule', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('tenant', 'text')
      .addColumn('scope', 'text', (column) => column.notNull())
      .addColumn('value', 'text', (column) => column.notNull())
      .addColumn('threshold', 'text')
      .addColumn('unit', 'text', (column) => column.notNull())
      .addColumn('window_name', 'text')
      .addColumn('window_start', 'bigint')
      .addColumn('window_end', 'bigint')
      .addColumn('time', 'bigint', (column) => column.notNull())
      .addColumn('message', 'text', (column) => column.notNull())
      .addColumn('link', 'text')
      .addColumn('details', 'text', (column) => column.notNull())
      .addColumn('dedupe_key', 'text', (column) => column.notNull())
      // 'webhook' | 'slack' | 'dashboard'; target is the receiver's origin only.
      .addColumn('channel', 'text', (column) => column.notNull())
      .addColumn('target', 'text')
      // 'pending' | 'sent' | 'failed'
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('attempts', 'integer', (column) => column.notNull())
      .addColumn('last_error', 'text')
      .addColumn('attempt_log', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .execute();
    // Newest-first listing, alone or by rule or status; the dedupe keys of recent alerts at start.
    await db.schema.createIndex('alert_history_time').on('alert_history').columns(['time', 'id']).execute();
    await db.schema.createIndex('alert_history_rule_time').on('alert_history').columns(['rule', 'time']).execute();
    await db.schema.createIndex('alert_history_status_time').on('alert_history').columns(['status', 'time']).execute();
  },
};
