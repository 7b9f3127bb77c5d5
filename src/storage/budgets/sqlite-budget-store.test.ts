import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runBudgetStoreContract } from '../contract/budget-store.contract.ts';
import { openSqliteLedgerStore } from '../sqlite/open-sqlite-ledger-store.ts';
import { openBudgetStore } from './open-budget-store.ts';
import { openSqliteBudgetStore } from './open-sqlite-budget-store.ts';

const root = mkdtempSync(join(tmpdir(), 'costops-budgets-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshDir = () => join(root, `run-${++counter}`);

runBudgetStoreContract('sqlite', async () => {
  const path = join(freshDir(), 'costops.db');
  // The ledger first: stores opened one after another never migrate the file at once.
  const ledger = await openSqliteLedgerStore({ path });
  const budgets = await openSqliteBudgetStore({ path });
  return {
    budgets,
    ledger,
    openAnother: () => openSqliteBudgetStore({ path }),
    async close() {
      await budgets.close();
      await ledger.close();
    },
  };
});

test('money and times are INTEGER columns: nano-USD past 2^53 stays exact', async () => {
  const path = join(freshDir(), 'costops.db');
  const store = await openSqliteBudgetStore({ path });
  await store.put({ name: 'big', source: 'api', definition: {}, counterBasis: 'global|lifetime' }, 'create', new Date(0));
  const huge = 2n ** 60n + 7n;
  const ref = { budget: 'big', period: 'lifetime' as const, scopeKey: 'global', periodStart: new Date(0), periodEnd: new Date(8.64e15), filter: {} };
  await store.reserve('r', [{ counter: ref, amount: huge, limit: huge }], new Date(1));
  await store.settle('r', huge);
  assert.equal((await store.peek([ref]))[0]?.spent, huge);
  await store.close();
  const database = new Database(path, { readonly: true });
  assert.deepEqual(database.prepare('select typeof(spent) as kind, typeof(period_start) as start from budget_counters').get(), { kind: 'integer', start: 'integer' });
  database.close();
});

test('openBudgetStore resolves a relative sqlite: path against cwd; other schemes are refused', async () => {
  const dir = freshDir();
  const store = await openBudgetStore({ url: 'sqlite:./nested/costops.db', cwd: dir });
  await store.close();
  assert.ok(readdirSync(join(dir, 'nested')).includes('costops.db'));
  await assert.rejects(openBudgetStore({ url: 'postgres://u@127.0.0.1/costops', cwd: dir }), /not supported for budgets yet/);
});
