import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runLedgerStoreContract } from '../contract/ledger-store.contract.ts';
import { randomTraffic } from '../contract/random-ledger-rows.ts';
import type { LedgerRow, UsageQuery } from '../../core/ports/index.ts';
import { queryUsage } from '../sql/query-usage.ts';
import { rollupCovers } from '../sql/usage-dimensions.ts';
import { openSqliteDatabase } from './open-sqlite-database.ts';
import { openSqliteKysely, openSqliteLedgerStore } from './open-sqlite-ledger-store.ts';

/** Loads TypeScript in a child process as `npm start` does (bin/typescript-hooks.mjs). */
const TYPESCRIPT = new URL('../../../bin/register-typescript.mjs', import.meta.url).href;

const root = mkdtempSync(join(tmpdir(), 'costops-ledger-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = () => join(root, `run-${++counter}`, 'nested', 'ledger.db');

runLedgerStoreContract('sqlite', () => openSqliteLedgerStore({ path: freshPath() }));

const T0 = new Date('2025-03-01T00:00:00.000Z');

test('the file and its folder are created, in WAL mode with synchronous=NORMAL', async () => {
  const path = freshPath();
  const store = await openSqliteLedgerStore({ path });
  assert.ok(existsSync(path));
  await store.close();
  const database = openSqliteDatabase(path);
  assert.equal(database.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(database.pragma('synchronous', { simple: true }), 1n); // 1 = NORMAL
  database.close();
});

test('migrations are recorded and not re-run on reopen', async () => {
  const path = freshPath();
  await (await openSqliteLedgerStore({ path })).close();
  await (await openSqliteLedgerStore({ path })).close();
  const database = new Database(path);
  assert.deepEqual(database.prepare('select name from ledger_migrations order by name').all(), [{ name: '0001-create-ledger' }, { name: '0002-create-virtual-keys' }, { name: '0003-create-idempotency' }, { name: '0004-create-budgets' }, { name: '0005-create-alert-history' }]);
  database.close();
});

test('writes of one turn share one transaction, and a resolved write is visible to another connection', async () => {
  const path = freshPath();
  const batches: number[] = [];
  const store = await openSqliteLedgerStore({ path, onBatch: ({ size }) => batches.push(size) });
  const rows = await Promise.all(Array.from({ length: 50 }, (_, index) => store.open({ operationId: `op-${index}`, startedAt: T0 })));
  assert.deepEqual(batches, [50]);
  // A separate connection sees only committed data: the awaited rows are durable in the WAL.
  const reader = new Database(path, { readonly: true });
  const count = reader.prepare('select count(*) as n from ledger_requests').get() as { n: number };
  assert.equal(count.n, rows.length);
  reader.close();
  await store.close();
});

test('rows left started by a killed process are recovered by the next one', async () => {
  const path = freshPath();
  const first = await openSqliteLedgerStore({ path });
  const orphan = await first.open({ operationId: 'orphan', startedAt: T0, reservedUsd: 42n });
  await first.close(); // the process "dies" with the row still started
  const second = await openSqliteLedgerStore({ path });
  assert.equal(await second.recoverStarted(new Date(T0.getTime() + 1000)), 1);
  const row = (await second.getRequest(orphan.id))!;
  assert.deepEqual([row.status, row.costUsd], ['unknown_outcome', 42n]);
  await second.close();
});

test('the hourly rollup and the raw rows give identical answers', async () => {
  const path = freshPath();
  const store = await openSqliteLedgerStore({ path });
  const traffic = randomTraffic({ seed: 99, count: 600, start: T0, spanMs: 5 * 24 * 3_600_000 });
  const rows: LedgerRow[] = await Promise.all(
    traffic.map(async ({ open, patch }) => {
      const row = await store.open(open);
      return patch === null ? row : store.finalize(row.id, patch);
    }),
  );
  await store.recoverStarted(new Date(T0.getTime() + 6 * 24 * 3_600_000));
  await store.close();
  const db = openSqliteKysely(path);
  const settled = (await db.selectFrom('ledger_requests').select('id').execute()).length;
  assert.equal(settled, rows.length);
  const queries: UsageQuery[] = [
    {},
    { groupBy: ['tenant', 'model', 'feature', 'provider', 'status'] },
    { groupBy: ['tenant'], bucket: 'hour' },
    { groupBy: ['model', 'status'], bucket: 'day', where: { tenant: null } },
    { groupBy: ['provider'], where: { feature: 'chat', status: 'ok' }, since: new Date(T0.getTime() + 3_600_000 * 7), until: new Date(T0.getTime() + 3_600_000 * 80) },
  ];
  for (const query of queries) {
    assert.ok(rollupCovers(query), JSON.stringify(query));
    const rollup = await queryUsage(db, query, 'rollup');
    assert.deepEqual(rollup, await queryUsage(db, query, 'raw'), JSON.stringify(query));
    assert.ok(rollup.total.requests > 0);
  }
  assert.equal(rollupCovers({ groupBy: ['user'] }), false);
  assert.equal(rollupCovers({ where: { 'tag.team': 'x' } }), false);
  assert.equal(rollupCovers({ since: new Date(T0.getTime() + 1) }), false);
  await db.destroy();
});

test('sums stay exact past 2^53 nano-USD (read as bigint, never a float)', async () => {
  const store = await openSqliteLedgerStore({ path: freshPath() });
  const big = 2n ** 60n + 1n;
  for (let i = 0; i < 3; i++) {
    const row = await store.open({ operationId: `big-${i}`, startedAt: T0 });
    await store.finalize(row.id, { status: 'ok', costUsd: big });
  }
  assert.equal((await store.usage({})).total.costUsd, 3n * big);
  assert.equal((await store.usage({ bucket: 'hour' })).total.costUsd, 3n * big);
  await store.close();
});

// The portable Kysely applier, which other dialects use, gives the same outcomes as SQLite's own.
runLedgerStoreContract('sqlite, portable Kysely writes', () => openSqliteLedgerStore({ path: freshPath(), writes: 'portable' }));
runLedgerStoreContract('sqlite, journaled writes', () => openSqliteLedgerStore({ path: freshPath(), journal: true }));

test('an open and its finalize issued in one turn land as one settled row, counted once', async () => {
  const store = await openSqliteLedgerStore({ path: freshPath() });
  const id = '01JN8K7F50V5ZCR31AHD6KB0T1';
  const [opened, settled, again] = await Promise.allSettled([
    store.open({ id, operationId: 'served', startedAt: T0, tenant: 'acme', tags: { team: 'a' } }),
    store.finalize(id, { status: 'cached', costUsd: 0n, counterfactualCostUsd: 700n, tags: { team: 'b' } }),
    store.finalize(id, { status: 'ok' }),
  ]);
  assert.equal(opened.status === 'fulfilled' && opened.value.status, 'started');
  assert.ok(settled.status === 'fulfilled');
  assert.deepEqual(await store.getRequest(id), settled.value);
  assert.equal(again.status === 'rejected' && (again.reason as { reason?: string }).reason, 'conflict');
  const usage = await store.usage({ groupBy: ['status', 'tag.team'] });
  assert.deepEqual(usage.data.map((group) => [group.group, group.requests, group.counterfactualCostUsd]), [[{ status: 'cached', 'tag.team': 'b' }, 1, 700n]]);
  assert.equal((await store.usage({ bucket: 'hour' })).total.requests, 1);
  await store.close();
});

test('a background thread checkpoints the WAL: no connection of the process does it inline', async () => {
  const path = freshPath();
  const store = await openSqliteLedgerStore({ path, checkpointer: { intervalMs: 10, busyIntervalMs: 10 } });
  const other = openSqliteDatabase(path); // another store's connection to the same file
  await store.usage({});
  assert.equal(other.pragma('wal_autocheckpoint', { simple: true }), 1000n, 'a store that only read started nothing');
  const sizeBefore = statSync(path).size;
  await Promise.all(Array.from({ length: 300 }, async (_, index) => {
    const row = await store.open({ operationId: `op-${index}`, startedAt: T0, tags: { n: String(index) } });
    await store.finalize(row.id, { status: 'ok', costUsd: 1n });
  }));
  assert.equal(other.pragma('wal_autocheckpoint', { simple: true }), 0n, 'left to the checkpointer while it runs');
  // Pages reach the database file only through a checkpoint.
  const deadline = Date.now() + 10_000;
  while (statSync(path).size === sizeBefore && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(statSync(path).size > sizeBefore, 'the database file grew: the WAL was checkpointed');
  await store.close();
  assert.equal(other.pragma('wal_autocheckpoint', { simple: true }), 1000n, 'restored once the checkpointer stopped');
  other.close();
});

test('under continuous writes the WAL stays bounded, and writes held for its restart still land', async () => {
  const path = freshPath();
  const store = await openSqliteLedgerStore({ path, checkpointer: { intervalMs: 5, busyIntervalMs: 5, restartBytes: 256 * 1024 } });
  let largest = 0;
  for (let round = 0; round < 60; round++) {
    await Promise.all(Array.from({ length: 50 }, async (_, index) => {
      const row = await store.open({ operationId: `op-${round}-${index}`, startedAt: T0, tenant: `t${index % 3}` });
      await store.finalize(row.id, { status: 'ok', costUsd: 2n, outputTokens: 1 });
    }));
    largest = Math.max(largest, statSync(`${path}-wal`).size);
  }
  const total = (await store.usage({})).total;
  assert.deepEqual([total.requests, total.costUsd], [3000, 6000n]);
  await store.close();
  // Without restarts 6,000 transactions of several pages each would need tens of MB.
  assert.ok(largest < 8 * 1024 * 1024, `the WAL stayed bounded (largest ${largest} bytes)`);
});

test('an open store does not keep the process alive, and what it acknowledged is durable', () => {
  const path = freshPath();
  const script = [
    `import { openSqliteLedgerStore } from ${JSON.stringify(new URL('./open-sqlite-ledger-store.ts', import.meta.url).href)};`,
    `const store = await openSqliteLedgerStore({ path: ${JSON.stringify(path)} });`,
    `const row = await store.open({ operationId: 'left-open', startedAt: new Date() });`,
    `await store.finalize(row.id, { status: 'ok', costUsd: 9n });`,
  ].join('\n');
  const result = spawnSync(process.execPath, ['--import', TYPESCRIPT, '--input-type=module', '-e', script], { timeout: 20_000, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const database = new Database(path, { readonly: true });
  assert.deepEqual(database.prepare('select status, cost_usd from ledger_requests').all(), [{ status: 'ok', cost_usd: 9 }]);
  database.close();
});
