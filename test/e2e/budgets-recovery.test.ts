// A gateway killed mid-request leaves a `started` ledger row and a held reservation. The next
// start settles both the same way (SPEC §7 "Durability"): the row becomes unknown_outcome charged at
// its reservation, and the budget spends exactly that, so the budget still equals its ledger rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteBudgetStore, openSqliteLedgerStore } from '../../src/storage/index.ts';
import { startTestGateway } from '../support/start-test-gateway.ts';
import { budgetRecordInput } from '../../src/gateway/budgets/index.ts';
import { budgetSchema } from '../../src/gateway/config/index.ts';
import { TWO_MILLI } from '../support/budget-fixtures.ts';

test('reservations of a dead process are charged at what the recovered ledger rows cost', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'costops-budget-recovery-'));
  const path = join(dir, 'costops.db');
  const budget = { name: 'daily', scope: { global: true }, period: 'day', limit_usd: '1', action: 'block' };
  const startedAt = new Date();
  const day = new Date(Date.UTC(startedAt.getUTCFullYear(), startedAt.getUTCMonth(), startedAt.getUTCDate()));
  const counter = { budget: 'daily', period: 'day' as const, scopeKey: 'global', periodStart: day, periodEnd: new Date(day.getTime() + 86_400_000), filter: {} };

  // The "dead" gateway: its config budget, a reservation, and the row it opened before the upstream call.
  const ledger = await openSqliteLedgerStore({ path });
  const budgets = await openSqliteBudgetStore({ path });
  await budgets.syncConfig([budgetRecordInput(budgetSchema.parse(budget), 'config')], new Date(day.getTime() - 1));
  await budgets.reserve('op-in-flight', [{ counter, amount: TWO_MILLI, limit: 1_000_000_000n }], startedAt);
  await budgets.reserve('op-never-opened', [{ counter, amount: TWO_MILLI, limit: 1_000_000_000n }], startedAt);
  const row = await ledger.open({ operationId: 'op-in-flight', startedAt, reservedUsd: TWO_MILLI });
  await budgets.close();
  await ledger.close();

  const env = await startTestGateway({ config: { storage: { url: `sqlite:${path}` }, budgets: [budget] } });
  try {
    assert.equal(env.gateway.recovered, 1);
    const recovered = await env.gateway.store.getRequest(row.id);
    assert.deepEqual([recovered?.status, recovered?.costUsd], ['unknown_outcome', TWO_MILLI]);
    assert.deepEqual(await env.gateway.budgets.outstanding(), { requests: 0, reserved: 0n });
    const [state] = await env.gateway.budgets.peek([counter]);
    assert.deepEqual([state?.spent, state?.reserved], [TWO_MILLI, 0n], 'the unknown outcome at its reservation; the never-opened request at nothing');
  } finally {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
