/**
 * Virtual keys live in the ledger's database, so one file (or one Postgres database) holds all
 * state, a backup is consistent across both, and a revocation written by the CLI is seen by a
 * gateway reading the same file. The key itself is never stored: only its SHA-256 (`key_hash`,
 * unique, the index every request is authenticated through) and a short prefix for people.
 */
import type { Kysely, Migration } from 'kysely';

export const createVirtualKeys: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('virtual_keys')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('key_hash', 'text', (column) => column.notNull())
      .addColumn('prefix', 'text', (column) => column.notNull())
      .addColumn('tenant', 'text', (column) => column.notNull())
      .addColumn('user', 'text')
      .addColumn('name', 'text')
      .addColumn('project', 'text')
      .addColumn('feature', 'text')
      // Epoch milliseconds, like the ledger's times.
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('virtual_keys_key_hash').on('virtual_keys').column('key_hash').unique().execute();
    await db.schema.createIndex('virtual_keys_prefix').on('virtual_keys').column('prefix').execute();
    await db.schema.createIndex('virtual_keys_tenant').on('virtual_keys').columns(['tenant', 'created_at']).execute();
  },
};
