/**
 * A KeyStore over any Kysely database with the `virtual_keys` table (SQLite now, Postgres later:
 * the queries are dialect-neutral). Opening the database and migrating it is the adapter's job.
 *
 * `resolve()` runs on every proxied request and deliberately caches nothing: it is one indexed
 * SELECT through a statement compiled once, a few microseconds, and because it reads the table
 * each time, a key revoked by any process (the CLI writing the same file) fails the next request.
 */
import type { Kysely, Selectable } from 'kysely';
import { CostOpsError } from '../../core/errors/index.ts';
import type { Clock, CreatedVirtualKey, KeyStore, VirtualKeyIdentity, VirtualKeyInput, VirtualKeyRecord } from '../../core/ports/index.ts';
import { createLedgerIdGenerator } from '../ledger-id.ts';
import { compileQueryTemplate } from '../sql/query-template.ts';
import { readNumber } from '../sql/read-sql-value.ts';
import { generateVirtualKey } from './generate-virtual-key.ts';
import { hashVirtualKey, isVirtualKeyShaped } from './hash-virtual-key.ts';
import type { KeyDatabase, VirtualKeysTable } from './key-database.ts';
import { checkKeyInput } from './check-key-input.ts';

export interface SqlKeyStoreOptions {
  db: Kysely<KeyDatabase>;
  /** Releases the database; called once by close(). */
  destroy: () => Promise<void>;
  clock: Clock;
  /** Makes the id of a key created at `timeMs` (default: sortable, ULID-like). */
  newId?: (timeMs: number) => string;
}

/** Creates the store; the schema must already be migrated. */
export function createSqlKeyStore(options: SqlKeyStoreOptions): KeyStore {
  const { db, clock } = options;
  const newId = options.newId ?? prefixed(createLedgerIdGenerator());
  const lookup = compileQueryTemplate((param) =>
    db
      .selectFrom('virtual_keys')
      .select(['id', 'tenant', 'user', 'project', 'feature'])
      .where('key_hash', '=', param('hash'))
      .where('revoked_at', 'is', null),
  );
  let closing: Promise<void> | undefined;

  function ensureOpen(): void {
    if (closing !== undefined) throw new CostOpsError('internal_error', 'the key store is closed; open a new one');
  }

  /** The keys `reference` names: by id, by shown prefix, or by the plaintext key itself (a leaked key can be revoked as is). */
  function findByReference(reference: string) {
    const text = reference.trim().replace(/(…|\.\.\.)$/, '');
    if (isVirtualKeyShaped(text)) return db.selectFrom('virtual_keys').selectAll().where('key_hash', '=', hashVirtualKey(text)).execute();
    return db
      .selectFrom('virtual_keys')
      .selectAll()
      .where((where) => where.or([where('id', '=', text), where('prefix', '=', text)]))
      .execute();
  }

  return {
    async create(input: VirtualKeyInput): Promise<CreatedVirtualKey> {
      ensureOpen();
      const fields = checkKeyInput(input);
      const createdAt = clock.now();
      const material = generateVirtualKey();
      const row = {
        id: newId(createdAt.getTime()),
        key_hash: material.hash,
        prefix: material.prefix,
        ...fields,
        created_at: createdAt.getTime(),
        revoked_at: null,
      };
      await db.insertInto('virtual_keys').values(row).execute();
      return { ...toRecord(row), key: material.key };
    },

    async list(query = {}) {
      ensureOpen();
      let select = db.selectFrom('virtual_keys').selectAll().orderBy('created_at').orderBy('id');
      if (query.tenant !== undefined) select = select.where('tenant', '=', query.tenant);
      return (await select.execute()).map(toRecord);
    },

    async revoke(reference) {
      ensureOpen();
      const found = await findByReference(reference);
      if (found.length > 1) {
        throw new CostOpsError('conflict', `"${reference}" matches ${found.length} keys (${found.map((row) => row.id).join(', ')}): revoke by id`);
      }
      const row = found[0];
      if (row === undefined) return undefined;
      if (row.revoked_at !== null) return toRecord(row);
      const revokedAt = clock.now().getTime();
      // `revoked_at is null` keeps the first revocation time when two processes revoke at once.
      await db.updateTable('virtual_keys').set({ revoked_at: revokedAt }).where('id', '=', row.id).where('revoked_at', 'is', null).execute();
      const after = await db.selectFrom('virtual_keys').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      return toRecord(after);
    },

    async resolve(presentedKey): Promise<VirtualKeyIdentity | undefined> {
      ensureOpen();
      // Anything not shaped like our keys (a provider key sent by mistake) cannot match: skip the query.
      if (!isVirtualKeyShaped(presentedKey)) return undefined;
      const { rows } = await lookup.executeWith(db, [hashVirtualKey(presentedKey)]);
      const row = rows[0] as Pick<VirtualKeysTable, 'id' | 'tenant' | 'user' | 'project' | 'feature'> | undefined;
      if (row === undefined) return undefined;
      return { keyId: row.id, tenant: row.tenant, user: row.user, project: row.project, feature: row.feature };
    },

    close() {
      closing ??= options.destroy();
      return closing;
    },
  };
}

function prefixed(generate: (timeMs: number) => string): (timeMs: number) => string {
  return (timeMs) => `key_${generate(timeMs)}`;
}

/** A row as a record: every column but the hash. */
function toRecord(row: Selectable<VirtualKeysTable>): VirtualKeyRecord {
  const revokedAt = readNumber(row.revoked_at);
  return {
    id: row.id,
    tenant: row.tenant,
    user: row.user,
    name: row.name,
    project: row.project,
    feature: row.feature,
    prefix: row.prefix,
    createdAt: new Date(readNumber(row.created_at)!),
    revokedAt: revokedAt === null ? null : new Date(revokedAt),
  };
}
