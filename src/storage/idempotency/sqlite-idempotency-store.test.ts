import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { IDEMPOTENCY_WINDOW_MS, type IdempotencyStore } from '../../core/ports/index.ts';
import { runIdempotencyStoreContract } from '../contract/idempotency-store.contract.ts';
import { openSqliteLedgerStore } from '../sqlite/open-sqlite-ledger-store.ts';
import { openIdempotencyStore } from './open-idempotency-store.ts';
import { openSqliteIdempotencyStore } from './open-sqlite-idempotency-store.ts';

const root = mkdtempSync(join(tmpdir(), 'costops-idempotency-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshDir = () => join(root, `run-${++counter}`);
const freshPath = () => join(freshDir(), 'costops.db');
const T0 = new Date('2025-03-01T10:00:00.000Z');
const HASH = 'c'.repeat(64);

runIdempotencyStoreContract('sqlite', (options) => openSqliteIdempotencyStore({ path: freshPath(), ...options }));

test('claim race across connections: 5 stores on one file, 50 concurrent begins, exactly one new', async () => {
  const path = freshPath();
  // Opened one after another: concurrent migrations of one SQLite file are not safe (the migrator's lock is per connection).
  const stores: IdempotencyStore[] = [];
  for (let index = 0; index < 5; index++) stores.push(await openSqliteIdempotencyStore({ path }));
  try {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => stores[index % 5]!.begin({ tenant: 'acme', key: 'race', requestHash: HASH, now: T0 })),
    );
    assert.equal(results.filter((result) => result.state === 'new').length, 1);
    assert.equal(results.filter((result) => result.state === 'in_progress').length, 49);
  } finally {
    for (const store of stores) await store.close();
  }
});

test('a response completed through one connection replays through another', async () => {
  const path = freshPath();
  const first = await openSqliteIdempotencyStore({ path });
  const second = await openSqliteIdempotencyStore({ path });
  await first.begin({ tenant: 'acme', key: 'k', requestHash: HASH, now: T0 });
  await first.complete({ tenant: 'acme', key: 'k', response: { status: 200, headers: { a: 'b' }, body: new Uint8Array([1, 2, 3]) } });
  const replay = await second.begin({ tenant: 'acme', key: 'k', requestHash: HASH, now: T0 });
  assert.ok(replay.state === 'replay');
  assert.deepEqual([...replay.response.body], [1, 2, 3]);
  await first.close();
  await second.close();
});

test('shares the ledger file: migration 0003 applied once, both stores open side by side', async () => {
  const path = freshPath();
  const ledger = await openSqliteLedgerStore({ path });
  const store = await openSqliteIdempotencyStore({ path });
  assert.equal((await store.begin({ tenant: 'acme', key: 'k', requestHash: HASH, now: T0 })).state, 'new');
  await store.close();
  await ledger.close();
  const database = new Database(path);
  const names = (database.prepare('select name from ledger_migrations order by name').all() as { name: string }[]).map((row) => row.name);
  assert.ok(names.includes('0003-create-idempotency'), names.join(', '));
  database.close();
});

test('expired records are purged in bounded batches; live ones stay', async () => {
  const path = freshPath();
  const store = await openSqliteIdempotencyStore({ path, purgeIntervalMs: 0 });
  for (let index = 0; index < 30; index++) await store.begin({ tenant: 'acme', key: `old-${index}`, requestHash: HASH, now: T0 });
  const later = new Date(T0.getTime() + IDEMPOTENCY_WINDOW_MS);
  await store.begin({ tenant: 'acme', key: 'fresh', requestHash: HASH, now: later });
  await store.close(); // waits for the purge it started
  const database = new Database(path);
  const keys = (database.prepare('select key from idempotency_records').all() as { key: string }[]).map((row) => row.key);
  assert.deepEqual(keys, ['fresh']);
  database.close();
});

test('openIdempotencyStore resolves a relative sqlite: path against cwd; other schemes are refused', async () => {
  const dir = freshDir();
  const store = await openIdempotencyStore({ url: 'sqlite:./nested/costops.db', cwd: dir });
  await store.close();
  assert.ok(readdirSync(join(dir, 'nested')).includes('costops.db'));
  await assert.rejects(openIdempotencyStore({ url: 'postgres://u@127.0.0.1/costops', cwd: dir }), /not supported for idempotency keys yet/);
});
