/**
 * The ledger's first schema: raw rows, their tags as (name, value) pairs, and hourly rollups.
 * Written with Kysely's schema builder so SQLite and Postgres run the same migration: 'bigint'
 * is a 64-bit integer in Postgres and has INTEGER (64-bit) affinity in SQLite.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const createLedger: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('ledger_requests')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('operation_id', 'text', (column) => column.notNull())
      .addColumn('attempt', 'integer', (column) => column.notNull())
      .addColumn('started_at', 'bigint', (column) => column.notNull())
      .addColumn('ended_at', 'bigint')
      .addColumn('latency_ms', 'bigint')
      .addColumn('ttft_ms', 'bigint')
      .addColumn('tenant', 'text')
      .addColumn('key_id', 'text')
      .addColumn('user', 'text')
      .addColumn('feature', 'text')
      .addColumn('project', 'text')
      .addColumn('env', 'text')
      .addColumn('conversation', 'text')
      .addColumn('tags', 'text', (column) => column.notNull())
      .addColumn('provider', 'text')
      .addColumn('requested_model', 'text')
      .addColumn('model', 'text')
      .addColumn('endpoint', 'text')
      .addColumn('stream', 'smallint', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('http_status', 'integer')
      .addColumn('error_code', 'text')
      .addColumn('input_tokens', 'bigint')
      .addColumn('cached_input_tokens', 'bigint')
      .addColumn('cache_write_tokens', 'bigint')
      .addColumn('cache_write_1h_tokens', 'bigint')
      .addColumn('input_audio_tokens', 'bigint')
      .addColumn('output_tokens', 'bigint')
      .addColumn('reasoning_tokens', 'bigint')
      .addColumn('output_audio_tokens', 'bigint')
      .addColumn('cost_usd', 'bigint')
      .addColumn('counterfactual_cost_usd', 'bigint')
      .addColumn('savings_usd', 'bigint')
      .addColumn('price_id', 'text')
      .addColumn('usage_source', 'text')
      .addColumn('unpriced', 'smallint', (column) => column.notNull())
      .addColumn('cache', 'text', (column) => column.notNull())
      .addColumn('route', 'text')
      .addColumn('batch_id', 'text')
      .addColumn('request_hash', 'text')
      .addColumn('request_bytes', 'bigint')
      .addColumn('response_bytes', 'bigint')
      .addColumn('reserved_usd', 'bigint', (column) => column.notNull())
      .execute();
    // Few indexes on purpose: each one costs ingest time. Time-range scans, tenant-scoped paging,
    // and a partial index that keeps start-up recovery cheap on a huge ledger.
    await db.schema.createIndex('ledger_requests_started_at').on('ledger_requests').column('started_at').execute();
    await db.schema.createIndex('ledger_requests_tenant_id').on('ledger_requests').columns(['tenant', 'id']).execute();
    await db.schema
      .createIndex('ledger_requests_open')
      .on('ledger_requests')
      .column('status')
      .where(sql.ref('status'), '=', sql.lit('started'))
      .execute();

    await db.schema
      .createTable('ledger_tags')
      .addColumn('request_id', 'text', (column) => column.notNull())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('value', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('ledger_tags_pk', ['request_id', 'name'])
      .execute();
    await db.schema.createIndex('ledger_tags_name_value').on('ledger_tags').columns(['name', 'value']).execute();

    let rollup = db.schema
      .createTable('ledger_rollup_hourly')
      .addColumn('hour', 'bigint', (column) => column.notNull())
      .addColumn('tenant', 'text', (column) => column.notNull())
      .addColumn('model', 'text', (column) => column.notNull())
      .addColumn('feature', 'text', (column) => column.notNull())
      .addColumn('provider', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull());
    for (const column of ROLLUP_SUM_COLUMNS) rollup = rollup.addColumn(column, 'bigint', (c) => c.notNull());
    await rollup.addPrimaryKeyConstraint('ledger_rollup_hourly_pk', ['hour', 'tenant', 'model', 'feature', 'provider', 'status']).execute();
  },
};

/** Frozen here rather than imported: a migration must not change when the code around it does. */
const ROLLUP_SUM_COLUMNS = [
  'requests',
  'unpriced_requests',
  'cost_usd',
  'counterfactual_cost_usd',
  'savings_usd',
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'cache_write_1h_tokens',
  'input_audio_tokens',
  'output_tokens',
  'reasoning_tokens',
  'output_audio_tokens',
] as const;
