/**
 * The behaviour every BudgetStore adapter must show (SPEC §8). An adapter's test calls
 * `runBudgetStoreContract('sqlite', open)`, where `open()` gives a fresh budget store and a ledger
 * store on the same database (the budget store seeds and recovers from the ledger's rows).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CostOpsError } from '../../core/errors/index.ts';
import type { BudgetCounterRef, BudgetRecordInput, BudgetStore, LedgerStore } from '../../core/ports/index.ts';
import type { ScopeFilter } from '../../core/budgets/index.ts';

export interface BudgetStoreFixture {
  readonly budgets: BudgetStore;
  readonly ledger: LedgerStore;
  /** Another budget store on the same database (another process or instance). */
  openAnother(): Promise<BudgetStore>;
  close(): Promise<void>;
}

const T0 = new Date('2025-03-01T10:00:00.000Z');
const DAY_START = new Date('2025-03-01T00:00:00.000Z');
const DAY_END = new Date('2025-03-02T00:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

const record = (name: string, basis = `user=*|day`, source: BudgetRecordInput['source'] = 'api'): BudgetRecordInput => ({
  name,
  source,
  definition: { name, scope: { user: '*' }, period: 'day', limit_usd: '1' },
  counterBasis: basis,
});

const counter = (budget: string, scopeKey: string, filter: ScopeFilter = {}, start = DAY_START, end = DAY_END): BudgetCounterRef => ({
  budget,
  period: 'day',
  scopeKey,
  periodStart: start,
  periodEnd: end,
  filter,
});

export function runBudgetStoreContract(name: string, open: () => Promise<BudgetStoreFixture>): void {
  const withStore = (run: (fixture: BudgetStoreFixture) => Promise<void>) => async () => {
    const fixture = await open();
    try {
      await run(fixture);
    } finally {
      await fixture.close();
    }
  };

  describe(`BudgetStore contract: ${name}`, () => {
    test('definitions: create, update, replace, delete; each change moves the version', withStore(async ({ budgets }) => {
      const v0 = await budgets.version();
      const created = await budgets.put(record('a'), 'create', T0);
      assert.deepEqual([created.name, created.source, created.effectiveFrom.getTime()], ['a', 'api', T0.getTime()]);
      const v1 = await budgets.version();
      assert.notEqual(v1, v0);
      await assert.rejects(budgets.put(record('a'), 'create', T0), (error: unknown) => error instanceof CostOpsError && error.code === 'conflict');
      await assert.rejects(budgets.put(record('b'), 'update', T0), (error: unknown) => error instanceof CostOpsError && error.code === 'not_found');
      // Same definition again: nothing changes, not even the version.
      await budgets.put(record('a'), 'replace', at(1000));
      assert.equal(await budgets.version(), v1);
      const updated = await budgets.put({ ...record('a'), definition: { limit_usd: '2' } }, 'update', at(2000));
      assert.deepEqual(updated.definition, { limit_usd: '2' });
      assert.equal(updated.effectiveFrom.getTime(), T0.getTime(), 'same scope and period: counting goes on');
      const rebased = await budgets.put(record('a', 'tenant=acme|day'), 'update', at(3000));
      assert.equal(rebased.effectiveFrom.getTime(), at(3000).getTime(), 'a new scope counts anew');
      assert.equal(await budgets.delete('a'), true);
      assert.equal(await budgets.delete('a'), false);
      assert.deepEqual(await budgets.list(), []);
    }));

    test('config budgets: synced from the file, read-only through the API', withStore(async ({ budgets }) => {
      await budgets.put(record('api-one'), 'create', T0);
      await budgets.syncConfig([record('monthly', 'tenant=acme|month', 'config')], T0);
      assert.deepEqual((await budgets.list()).map((entry) => `${entry.name}:${entry.source}`), ['api-one:api', 'monthly:config']);
      await assert.rejects(budgets.put(record('monthly'), 'replace', T0), /defined in the config file/);
      await assert.rejects(budgets.delete('monthly'), /defined in the config file/);
      const version = await budgets.version();
      await budgets.syncConfig([record('monthly', 'tenant=acme|month', 'config')], at(5000));
      assert.equal(await budgets.version(), version, 'an unchanged config changes nothing');
      await budgets.syncConfig([], at(6000));
      assert.deepEqual((await budgets.list()).map((entry) => entry.name), ['api-one']);
    }));

    test('reserve is all or none across counters, and checks spent + reserved + amount <= limit', withStore(async ({ budgets }) => {
      await budgets.put(record('small'), 'create', T0);
      await budgets.put(record('big'), 'create', T0);
      const lines = (amount: bigint) => [
        { counter: counter('small', 'user=alice'), amount, limit: 10n },
        { counter: counter('big', 'user=alice'), amount, limit: 100n },
      ];
      assert.equal((await budgets.reserve('r1', lines(6n), T0)).admitted, true);
      const refused = await budgets.reserve('r2', lines(5n), T0);
      assert.equal(refused.admitted, false);
      assert.deepEqual(refused.lines.map((line) => [line?.refused, line?.reserved]), [[true, 6n], [false, 6n]], 'big took nothing either');
      const exact = await budgets.reserve('r3', lines(4n), T0);
      assert.equal(exact.admitted, true, 'exactly at the limit fits');
      assert.deepEqual(exact.lines.map((line) => line?.reserved), [10n, 10n]);
      // alert-only lines count without a check
      const unchecked = await budgets.reserve('r4', [{ counter: counter('small', 'user=bob'), amount: 1_000n, limit: null }], T0);
      assert.equal(unchecked.admitted, true);
      // a budget deleted meanwhile is skipped
      const skipped = await budgets.reserve('r5', [{ counter: counter('gone', 'user=alice'), amount: 1n, limit: 0n }], T0);
      assert.deepEqual([skipped.admitted, skipped.lines], [true, [null]]);
      assert.deepEqual(await budgets.outstanding(), { requests: 3, reserved: 6n + 6n + 4n + 4n + 1_000n });
    }));

    test('settle moves the reservation to spent exactly once; release frees it', withStore(async ({ budgets }) => {
      await budgets.put(record('b'), 'create', T0);
      const line = { counter: counter('b', 'user=alice'), amount: 50n, limit: 100n };
      await budgets.reserve('r1', [line], T0);
      await budgets.reserve('r2', [line], T0);
      const changes = await budgets.settle('r1', 30n);
      assert.deepEqual(changes.map((change) => [change.spentBefore, change.spent, change.reserved]), [[0n, 30n, 50n]]);
      assert.deepEqual(await budgets.settle('r1', 30n), [], 'a second settle changes nothing');
      assert.deepEqual((await budgets.release('r2')).map((change) => [change.spent, change.reserved]), [[30n, 0n]]);
      assert.deepEqual(await budgets.settle('r2', 99n), [], 'nothing to settle after a release');
      assert.equal((await budgets.reserve('r3', [{ ...line, amount: 70n }], T0)).admitted, true, 'the full remainder is spendable');
      assert.deepEqual(await budgets.outstanding(), { requests: 1, reserved: 70n });
    }));

    test('a request settles in the period it was admitted in, even after the next one began', withStore(async ({ budgets }) => {
      await budgets.put(record('daily'), 'create', T0);
      const today = counter('daily', 'user=alice');
      const tomorrow = counter('daily', 'user=alice', {}, DAY_END, new Date(DAY_END.getTime() + 86_400_000));
      await budgets.reserve('late', [{ counter: today, amount: 10n, limit: 10n }], new Date(DAY_END.getTime() - 100));
      assert.equal((await budgets.reserve('early', [{ counter: tomorrow, amount: 10n, limit: 10n }], DAY_END)).admitted, true);
      await budgets.settle('late', 7n);
      const [old, next] = await budgets.peek([today, tomorrow]);
      assert.deepEqual([old?.spent, old?.reserved, next?.spent, next?.reserved], [7n, 0n, 0n, 10n]);
    }));

    test('racing reservations from two connections never overshoot the limit', withStore(async ({ budgets, openAnother }) => {
      const other = await openAnother();
      try {
        await budgets.put(record('tight'), 'create', T0);
        const line = { counter: counter('tight', 'global'), amount: 2n, limit: 10n };
        const results = await Promise.all(Array.from({ length: 40 }, (_, index) => (index % 2 ? budgets : other).reserve(`r${index}`, [line], T0)));
        assert.equal(results.filter((result) => result.admitted).length, 5);
        assert.deepEqual(await other.outstanding(), { requests: 5, reserved: 10n });
      } finally {
        await other.close();
      }
    }));

    test('a budget created mid-period starts from the ledger\'s spend in its scope before it', withStore(async ({ budgets, ledger }) => {
      const spend = async (user: string, cost: bigint, startedAt: Date, tags: Record<string, string> = {}) => {
        const row = await ledger.open({ operationId: crypto.randomUUID(), startedAt, tenant: 'acme', user, tags });
        await ledger.finalize(row.id, { status: 'ok', costUsd: cost });
      };
      await spend('alice', 100n, at(-3_600_000), { team: 'core' });
      await spend('alice', 20n, at(-60_000));
      await spend('bob', 1_000n, at(-60_000), { team: 'core' });
      await spend('alice', 5n, new Date(DAY_START.getTime() - 1), { team: 'core' }); // yesterday
      await budgets.put(record('new'), 'create', T0);
      const alice = counter('new', 'user=alice', { tenant: 'acme', user: 'alice' });
      const team = counter('new', 'tag.team=core', { tag: { name: 'team', value: 'core' } });
      assert.deepEqual((await budgets.peek([alice, team])).map((state) => state.spent), [120n, 1_100n]);
      assert.deepEqual(await budgets.countersOf('new', 'day', DAY_START), [], 'peek creates nothing');
      const reserved = await budgets.reserve('r1', [{ counter: alice, amount: 10n, limit: 125n }], at(1000));
      assert.deepEqual([reserved.admitted, reserved.lines[0]?.refused], [false, true], '120 spent + 10 > 125');
      assert.deepEqual((await budgets.countersOf('new', 'day', DAY_START)).map((state) => [state.scopeKey, state.spent]), [['user=alice', 120n]]);
      // Rows after the budget took effect are counted by their own reservations, never seeded.
      await spend('alice', 7n, at(500));
      const fresh = counter('new', 'user=alice', { user: 'alice' });
      assert.equal((await budgets.peek([{ ...fresh, scopeKey: 'other' }]))[0]?.spent, 120n, 'the 7 after T0 is not seeded');
    }));

    test('recovery charges what the ledger says: reservation for unknown_outcome, actual cost, or nothing', withStore(async ({ budgets, ledger }) => {
      await budgets.put(record('b'), 'create', T0);
      const line = { counter: counter('b', 'global'), amount: 40n, limit: 1_000n };
      for (const id of ['died-in-flight', 'died-after-finalize', 'died-before-open']) await budgets.reserve(id, [line], T0);
      await ledger.open({ operationId: 'died-in-flight', startedAt: T0, reservedUsd: 40n });
      const finalized = await ledger.open({ operationId: 'died-after-finalize', startedAt: T0, reservedUsd: 40n });
      await ledger.finalize(finalized.id, { status: 'ok', costUsd: 13n });
      assert.equal(await ledger.recoverStarted(at(1000)), 1);
      assert.equal(await budgets.recover(), 3);
      const [state] = await budgets.peek([line.counter]);
      assert.deepEqual([state?.spent, state?.reserved], [53n, 0n]);
      assert.deepEqual(await budgets.outstanding(), { requests: 0, reserved: 0n });
      assert.equal(await budgets.recover(), 0);
      assert.equal((await ledger.usage({})).total.costUsd, 53n, 'the budget equals its ledger rows');
    }));

    test('a new scope or period drops the old counters; delete drops them too', withStore(async ({ budgets }) => {
      await budgets.put(record('b'), 'create', T0);
      await budgets.reserve('r1', [{ counter: counter('b', 'user=alice'), amount: 5n, limit: 10n }], T0);
      await budgets.put(record('b', 'tenant=acme,user=*|day'), 'update', at(1000));
      assert.deepEqual(await budgets.countersOf('b', 'day', DAY_START), []);
      assert.deepEqual(await budgets.settle('r1', 5n), [], 'its reservation went with the counter');
      await budgets.reserve('r2', [{ counter: counter('b', 'tenant=acme,user=alice'), amount: 5n, limit: 10n }], at(2000));
      await budgets.delete('b');
      assert.deepEqual(await budgets.outstanding(), { requests: 0, reserved: 0n });
    }));

    test('a closed store refuses calls with budget_store_unavailable', withStore(async ({ budgets }) => {
      await budgets.close();
      await assert.rejects(budgets.version(), (error: unknown) => error instanceof CostOpsError && error.code === 'budget_store_unavailable');
    }));
  });
}
