import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runKeyStoreContract } from '../contract/key-store.contract.ts';
import { openSqliteLedgerStore } from '../sqlite/open-sqlite-ledger-store.ts';
import { hashVirtualKey } from './hash-virtual-key.ts';
import { openKeyStore } from './open-key-store.ts';
import { openSqliteKeyStore } from './open-sqlite-key-store.ts';

const root = mkdtempSync(join(tmpdir(), 'costops-keys-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshDir = () => join(root, `run-${++counter}`);
const freshPath = () => join(freshDir(), 'costops.db');

runKeyStoreContract('sqlite', (clock) => openSqliteKeyStore({ path: freshPath(), clock }));

/** Every byte of the database: the main file and its write-ahead log. */
function databaseBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
}

test('only the SHA-256 of a key is stored: the plaintext is nowhere in the file or its WAL', async () => {
  const dir = freshDir();
  const path = join(dir, 'costops.db');
  const store = await openSqliteKeyStore({ path });
  const created = await store.create({ tenant: 'acme', user: 'bob' });
  const secretPart = created.key.slice(created.prefix.length);
  const database = new Database(path);
  const row = database.prepare('select * from virtual_keys').get() as Record<string, unknown>;
  assert.equal(row['key_hash'], hashVirtualKey(created.key));
  assert.equal(row['prefix'], created.prefix);
  database.close();
  // Before and after a checkpoint folds the WAL into the main file.
  assert.equal(databaseBytes(dir).indexOf(secretPart), -1);
  await store.close();
  assert.equal(databaseBytes(dir).indexOf(secretPart), -1);
  assert.notEqual(databaseBytes(dir).indexOf(hashVirtualKey(created.key)), -1, 'the hash should be there, or the search proves nothing');
});

test('keys share the ledger file: one migration history, both stores open side by side', async () => {
  const path = freshPath();
  const ledger = await openSqliteLedgerStore({ path });
  const keys = await openSqliteKeyStore({ path });
  const created = await keys.create({ tenant: 'acme' });
  assert.equal((await keys.resolve(created.key))?.tenant, 'acme');
  await keys.close();
  await ledger.close();
  const database = new Database(path);
  assert.deepEqual(database.prepare('select name from ledger_migrations order by name').all(), [
    { name: '0001-create-ledger' },
    { name: '0002-create-virtual-keys' },
    { name: '0003-create-idempotency' },
    { name: '0004-create-budgets' },
    { name: '0005-create-alert-history' },
  ]);
  database.close();
});

test('a revocation written through another connection fails the very next resolve', async () => {
  const path = freshPath();
  const gateway = await openSqliteKeyStore({ path });
  const cli = await openSqliteKeyStore({ path });
  const created = await cli.create({ tenant: 'acme' });
  assert.equal((await gateway.resolve(created.key))?.keyId, created.id);
  await cli.revoke(created.prefix);
  assert.equal(await gateway.resolve(created.key), undefined);
  await cli.close();
  await gateway.close();
});

test('openKeyStore resolves a relative sqlite: path against cwd; other schemes are refused', async () => {
  const dir = freshDir();
  const store = await openKeyStore({ url: 'sqlite:./nested/keys.db', cwd: dir });
  await store.create({ tenant: 'acme' });
  await store.close();
  assert.ok(readdirSync(join(dir, 'nested')).includes('keys.db'));
  await assert.rejects(openKeyStore({ url: 'postgres://u@127.0.0.1/costops', cwd: dir }), /not supported for virtual keys yet/);
});

test('a closed store refuses calls', async () => {
  const store = await openSqliteKeyStore({ path: freshPath() });
  await store.close();
  await assert.rejects(store.resolve('co-sk-x'), /closed/);
});
