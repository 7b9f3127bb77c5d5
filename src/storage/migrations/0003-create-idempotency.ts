/**
 * Idempotency records (SPEC §7) live in the ledger's database like virtual keys, so every gateway
 * instance on the same file or Postgres database shares one truth about which keys are taken.
 * One row per (tenant, key): the primary key is what makes a claim atomic (insert, or lose to
 * the row already there).
 *
 * The response body is 'bytea': Postgres's binary type; in SQLite that name gives the column
 * NUMERIC affinity, which stores BLOB values unconverted, so a replay is byte-for-byte the first
 * response in both dialects.
 */
import type { Kysely, Migration } from 'kysely';

export const createIdempotency: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('idempotency_records')
      .addColumn('tenant', 'text', (column) => column.notNull())
      .addColumn('key', 'text', (column) => column.notNull())
      .addColumn('request_hash', 'text', (column) => column.notNull())
      // 'in_progress' while the first request runs, 'complete' once its response is stored.
      .addColumn('state', 'text', (column) => column.notNull())
      // Epoch milliseconds of the claim, like the ledger's times; the 24-hour window counts from here.
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('response_status', 'integer')
      // JSON object of header name → value.
      .addColumn('response_headers', 'text')
      .addColumn('response_body', 'bytea')
      .addPrimaryKeyConstraint('idempotency_records_pk', ['tenant', 'key'])
      .execute();
    // Expired records are purged by age.
    await db.schema.createIndex('idempotency_records_created_at').on('idempotency_records').column('created_at').execute();
  },
};
