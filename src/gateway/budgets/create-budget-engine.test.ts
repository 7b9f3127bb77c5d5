import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BudgetFacts } from '../../core/budgets/index.ts';
import { openSqliteBudgetStore } from '../../storage/index.ts';
import { budgetSchema } from '../config/index.ts';
import { budgetRecordInput } from './budget-from-config.ts';
import type { BudgetThresholdEvent } from './budget-threshold-event.ts';
import { createBudgetEngine, RECHECK_MS } from './create-budget-engine.ts';

const root = mkdtempSync(join(tmpdir(), 'costops-budget-engine-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = () => join(root, `run-${++counter}`, 'costops.db');

const T0 = new Date('2026-03-04T10:00:00.000Z');
const alice: BudgetFacts = { tenant: 'acme', keyId: null, user: 'alice', project: null, feature: null, tags: {} };
const entry = (fields: Record<string, unknown>) =>
  budgetRecordInput(budgetSchema.parse({ name: 'per-user', scope: { user: '*' }, period: 'day', limit_usd: '1', action: 'block', ...fields }), 'api');

test('a definition written through the engine\'s store applies to the next request', async () => {
  const store = await openSqliteBudgetStore({ path: freshPath() });
  const engine = createBudgetEngine({ store, timeZone: 'UTC', failOpen: false });
  await engine.refresh();
  assert.deepEqual((await engine.applicable(alice, T0)).holds, []);
  await engine.store.put(entry({}), 'create', T0);
  const [hold] = (await engine.applicable(alice, T0)).holds;
  assert.deepEqual([hold?.definition.name, hold?.counter.scopeKey, hold?.counter.periodStart.toISOString()], ['per-user', 'user=alice', '2026-03-04T00:00:00.000Z']);
  assert.equal(await engine.store.delete('per-user'), true);
  assert.deepEqual((await engine.applicable(alice, T0)).holds, []);
  await store.close();
});

test('another process: a reservation on changed definitions is stale and reserves nothing; a new budget shows within RECHECK_MS', async () => {
  const path = freshPath();
  const store = await openSqliteBudgetStore({ path });
  const other = await openSqliteBudgetStore({ path });
  const engine = createBudgetEngine({ store, timeZone: 'UTC', failOpen: false });
  await engine.refresh();
  assert.deepEqual((await engine.applicable(alice, T0)).holds, []);
  await other.put(entry({}), 'create', T0);
  await new Promise((resolve) => setTimeout(resolve, RECHECK_MS + 20));
  const { holds } = await engine.applicable(alice, T0);
  assert.deepEqual(holds.map((hold) => [hold.definition.name, hold.definition.limitUsd]), [['per-user', 1_000_000_000n]]);

  // Lowered elsewhere after the holds were computed: the reservation is refused as stale, untouched.
  await other.put(entry({ limit_usd: '0.5' }), 'update', T0);
  const stale = await engine.reserve('r1', holds, 600_000_000n, T0);
  assert.deepEqual(stale, { admitted: false, stale: true });
  assert.deepEqual(await store.outstanding(), { requests: 0, reserved: 0n });
  // Asked again, the engine reads the new limit at once (no RECHECK_MS wait) and refuses the amount.
  const fresh = (await engine.applicable(alice, T0)).holds;
  assert.deepEqual(fresh.map((hold) => hold.definition.limitUsd), [500_000_000n]);
  const refused = await engine.reserve('r1', fresh, 600_000_000n, T0);
  assert.ok(!refused.admitted && !('stale' in refused));
  assert.equal(refused.remaining, 500_000_000n);
  await other.close();
  await store.close();
});

test('the last known definitions answer when the store fails: the reservation fails at once, the version read after RECHECK_MS', async () => {
  const store = await openSqliteBudgetStore({ path: freshPath() });
  await store.put(entry({}), 'create', T0);
  const engine = createBudgetEngine({ store, timeZone: 'UTC', failOpen: true });
  await engine.refresh();
  await store.close();
  // Within RECHECK_MS the definitions answer from memory; the reservation meets the failure.
  const cached = await engine.applicable(alice, T0);
  assert.deepEqual([cached.holds.length, cached.error], [1, undefined]);
  await assert.rejects(engine.reserve('r1', cached.holds, 1n, T0), /closed/);
  await new Promise((resolve) => setTimeout(resolve, RECHECK_MS + 20));
  const found = await engine.applicable(alice, T0);
  assert.equal(found.holds.length, 1);
  assert.match(String(found.error), /closed/);
  assert.equal(engine.failOpen, true);
});

test('a ticket settles once, reports each threshold it crosses once, and tracks the remaining', async () => {
  const store = await openSqliteBudgetStore({ path: freshPath() });
  await store.put(entry({ alert_at: [0.5, 0.8] }), 'create', T0);
  const events: BudgetThresholdEvent[] = [];
  const engine = createBudgetEngine({ store, timeZone: 'UTC', failOpen: false, onThreshold: (event) => events.push(event) });
  const { holds } = await engine.applicable(alice, T0);
  const first = await engine.reserve('r1', holds, 600_000_000n, T0);
  assert.ok(first.admitted);
  assert.equal(first.ticket.remaining(), 400_000_000n);
  const second = await engine.reserve('r2', holds, 500_000_000n, T0);
  assert.ok(!second.admitted && !('stale' in second));
  assert.deepEqual([second.refused[0]?.hold.definition.name, second.remaining], ['per-user', 400_000_000n]);
  await first.ticket.settle(550_000_000n);
  await first.ticket.settle(999_000_000n);
  await first.ticket.release();
  assert.equal(first.ticket.remaining(), 450_000_000n);
  assert.deepEqual(events.map((event) => [event.fraction, event.scopeValue, event.spentUsd, event.scope]), [[0.5, 'user=alice', 550_000_000n, { user: 'alice' }]]);
  const third = await engine.reserve('r3', holds, 300_000_000n, T0);
  assert.ok(third.admitted);
  await third.ticket.settle(300_000_000n);
  assert.deepEqual(events.map((event) => event.fraction), [0.5, 0.8]);
  await store.close();
});

test('alert-only budgets count without refusing; a failed settlement is reported, never thrown', async () => {
  const store = await openSqliteBudgetStore({ path: freshPath() });
  await store.put(entry({ action: 'alert-only', limit_usd: '0.000000001' }), 'create', T0);
  const errors: string[] = [];
  const engine = createBudgetEngine({ store, timeZone: 'UTC', failOpen: false, onError: (_error, during) => errors.push(during) });
  const { holds } = await engine.applicable(alice, T0);
  const outcome = await engine.reserve('r1', holds, 5n, T0);
  assert.ok(outcome.admitted);
  assert.equal(outcome.ticket.remaining(), -4n);
  await store.close();
  await outcome.ticket.settle(5n);
  assert.deepEqual(errors, ['settlement of request r1']);
});
