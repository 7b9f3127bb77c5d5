import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runAlertHistoryStoreContract } from '../contract/alert-history-store.contract.ts';
import { openSqliteLedgerStore } from '../sqlite/open-sqlite-ledger-store.ts';
import { openAlertHistoryStore } from './open-alert-history-store.ts';
import { openSqliteAlertHistoryStore } from './open-sqlite-alert-history-store.ts';

const root = mkdtempSync(join(tmpdir(), 'costops-alerts-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshDir = () => join(root, `run-${++counter}`);
const freshPath = () => join(freshDir(), 'costops.db');

runAlertHistoryStoreContract('sqlite', () => openSqliteAlertHistoryStore({ path: freshPath() }));

test('the history shares the ledger file and its migration history', async () => {
  const path = freshPath();
  const ledger = await openSqliteLedgerStore({ path });
  const history = await openSqliteAlertHistoryStore({ path });
  await history.close();
  await ledger.close();
  const database = new Database(path);
  const names = (database.prepare('select name from ledger_migrations order by name').all() as { name: string }[]).map((row) => row.name);
  database.close();
  assert.ok(names.includes('0001-create-ledger') && names.includes('0005-create-alert-history'), names.join(', '));
});

test('openAlertHistoryStore resolves a relative sqlite: path against cwd; other schemes are refused', async () => {
  const dir = freshDir();
  const store = await openAlertHistoryStore({ url: 'sqlite:./nested/alerts.db', cwd: dir });
  await store.close();
  assert.ok(readdirSync(join(dir, 'nested')).includes('alerts.db'));
  await assert.rejects(openAlertHistoryStore({ url: 'postgres://u@127.0.0.1/costops', cwd: dir }), /not supported for alert history yet/);
});
