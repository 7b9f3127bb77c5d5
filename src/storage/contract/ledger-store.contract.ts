/**
 * The behaviour every LedgerStore adapter must show (SPEC §7, §14). An adapter's test calls
 * `runLedgerStoreContract('sqlite', () => openSqliteLedgerStore(...))`; each case gets a fresh,
 * empty store and closes it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LedgerFinalizePatch, LedgerOpenInput, LedgerRow, LedgerStore, UsageQuery } from '../../core/ports/index.ts';
import { LedgerStoreError, type LedgerStoreErrorReason } from '../ledger-store-error.ts';
import { expectedUsage, sumMetrics } from './expected-usage.ts';
import { randomTraffic } from './random-ledger-rows.ts';

const T0 = new Date('2025-03-01T00:00:00.000Z');
const HOUR = 3_600_000;

/** Registers the contract cases for one adapter. */
export function runLedgerStoreContract(name: string, makeStore: () => Promise<LedgerStore>): void {
  const withStore = (run: (store: LedgerStore) => Promise<void>) => async () => {
    const store = await makeStore();
    try {
      await run(store);
    } finally {
      await store.close();
    }
  };

  describe(`LedgerStore contract: ${name}`, () => {
    test('open and finalize round-trip every field exactly', withStore(async (store) => {
      const open: LedgerOpenInput = {
        id: '01JN8K7F50V5ZCR31AHD6KB0SX',
        operationId: 'op-1',
        attempt: 2,
        startedAt: new Date('2025-03-01T10:15:00.123Z'),
        tenant: 'acme', keyId: 'key_1', user: 'ann', feature: 'summarize', project: 'p', env: 'prod',
        conversation: 'c-9', tags: { team: 'search', 'ü nicode': 'ä "quoted"' },
        provider: 'anthropic', requestedModel: 'claude-sonnet', endpoint: '/v1/messages', stream: true,
        route: 'cheap-first', batchId: 'batch_1', requestHash: 'sha256:abc', requestBytes: 1234,
        reservedUsd: 9_223_372_036_854_775_807n,
      };
      const opened = await store.open(open);
      assert.equal(opened.status, 'started');
      assert.deepEqual(await store.getRequest(open.id!), opened);
      const patch: LedgerFinalizePatch = {
        status: 'ok', endedAt: new Date('2025-03-01T10:15:02.500Z'), latencyMs: 2377, ttftMs: 310,
        model: 'claude-sonnet-4', httpStatus: 200, errorCode: null,
        inputTokens: 1, cachedInputTokens: 2, cacheWriteTokens: 3, cacheWrite1hTokens: 1, inputAudioTokens: 0,
        outputTokens: 5, reasoningTokens: 4, outputAudioTokens: 0,
        costUsd: 9_007_199_254_740_993n, counterfactualCostUsd: 9_007_199_254_740_995n, savingsUsd: -1n,
        priceId: 'anthropic/claude-sonnet-4@2025-02', usageSource: 'provider', unpriced: false, cache: 'semantic',
        responseBytes: 98_765,
      };
      const finalized = await store.finalize(open.id!, patch);
      const expected: LedgerRow = { ...opened, ...patch };
      assert.deepEqual(finalized, expected);
      assert.deepEqual(await store.getRequest(open.id!), expected);
      assert.equal(await store.getRequest('01JN8K7F50V5ZCR31AHD6KB0SY'), null);
    }));

    test('open fills defaults and generates sortable ids in open order', withStore(async (store) => {
      const rows = [];
      for (let i = 0; i < 5; i++) rows.push(await store.open({ operationId: `op-${i}`, startedAt: T0 }));
      const first = rows[0]!;
      assert.deepEqual([first.attempt, first.stream, first.unpriced, first.cache, first.reservedUsd, first.tags], [1, false, false, 'none', 0n, {}]);
      assert.equal(first.costUsd, null);
      assert.equal(first.inputTokens, null);
      const ids = rows.map((row) => row.id);
      assert.deepEqual([...ids].sort(), ids);
      assert.equal(new Set(ids).size, 5);
    }));

    test('unpriced rows keep a null cost and usage counts them apart', withStore(async (store) => {
      const a = await store.open({ operationId: 'a', startedAt: T0, model: 'known' });
      const b = await store.open({ operationId: 'b', startedAt: T0, model: 'mystery' });
      await store.finalize(a.id, { status: 'ok', costUsd: 412_500n, inputTokens: 10 });
      const unpriced = await store.finalize(b.id, { status: 'ok', unpriced: true, costUsd: null, inputTokens: 7 });
      assert.equal(unpriced.costUsd, null);
      assert.equal((await store.getRequest(b.id))!.costUsd, null);
      const usage = await store.usage({ groupBy: ['model'] });
      assert.deepEqual(usage.data.map((group) => [group.group.model, group.requests, group.unpricedRequests, group.costUsd]), [
        ['known', 1, 0, 412_500n],
        ['mystery', 1, 1, 0n],
      ]);
      assert.deepEqual([usage.total.requests, usage.total.unpricedRequests, usage.total.costUsd, usage.total.inputTokens], [2, 1, 412_500n, 17]);
    }));

    test('bad input and bad finalizes reject with typed errors without failing other writes', withStore(async (store) => {
      const row = await store.open({ operationId: 'x', startedAt: T0 });
      await assertRejects(store.open({ operationId: 'y', startedAt: T0, reservedUsd: 5 as unknown as bigint }), 'invalid_input');
      await assertRejects(store.finalize(row.id, { status: 'ok', unpriced: true, costUsd: 0n }), 'invalid_input');
      await assertRejects(store.finalize(row.id, { status: 'started' as never }), 'invalid_input');
      await assertRejects(store.usage({ groupBy: ['nonsense' as never] }), 'invalid_input');
      await assertRejects(store.listRequests({ limit: 0 }), 'invalid_input');
      // Issued in one turn: the good writes land although their neighbours fail.
      const other = store.open({ operationId: 'z', startedAt: T0, id: row.id });
      const results = await Promise.allSettled([
        store.finalize('no-such-id', { status: 'ok' }),
        store.finalize(row.id, { status: 'ok', costUsd: 1n }),
        store.finalize(row.id, { status: 'error' }),
        other,
        store.open({ operationId: 'w', startedAt: T0 }),
      ]);
      assert.deepEqual(results.map((result) => result.status), ['rejected', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
      assert.equal(reasonOf(results[0]!), 'not_found');
      assert.equal(reasonOf(results[2]!), 'conflict');
      assert.equal(reasonOf(results[3]!), 'write_failed');
      assert.equal((await store.getRequest(row.id))!.costUsd, 1n);
      assert.equal((await store.usage({})).total.requests, 1);
    }));

    test('writes apply in the order issued: a finalize sent before its open finds nothing', withStore(async (store) => {
      const id = '01JN8K7F50V5ZCR31AHD6KB0T0';
      const early = store.finalize(id, { status: 'ok' });
      const opened = store.open({ id, operationId: 'o', startedAt: T0 });
      await assertRejects(early, 'not_found');
      assert.equal((await opened).status, 'started');
      assert.equal((await store.finalize(id, { status: 'ok', costUsd: 3n })).costUsd, 3n);
    }));

    test('finalize may replace the tags, and tag queries see the new ones', withStore(async (store) => {
      const row = await store.open({ operationId: 't', startedAt: T0, tags: { team: 'a', old: 'x' } });
      const settled = await store.finalize(row.id, { status: 'ok', costUsd: 10n, tags: { team: 'b', env: 'prod' } });
      assert.deepEqual(settled.tags, { team: 'b', env: 'prod' });
      assert.deepEqual((await store.getRequest(row.id))!.tags, { team: 'b', env: 'prod' });
      const usage = await store.usage({ groupBy: ['tag.team', 'tag.old'], where: { 'tag.env': 'prod' } });
      assert.deepEqual(usage.data.map((group) => [group.group, group.costUsd]), [[{ 'tag.team': 'b', 'tag.old': null }, 10n]]);
    }));

    test('listRequests filters and cursor pages cover every row exactly once, newest first', withStore(async (store) => {
      const rows = await record(store, randomTraffic({ seed: 7, count: 250, start: T0, spanMs: 3 * 24 * HOUR }));
      const cases: Parameters<LedgerStore['listRequests']>[0][] = [
        {},
        { tenant: 'acme' },
        { status: 'ok', model: 'gpt-4o' },
        { user: 'bob', feature: 'chat' },
        { status: 'started' },
        { since: new Date(T0.getTime() + 20 * HOUR), until: new Date(T0.getTime() + 50 * HOUR + 17) },
      ];
      for (const query of cases) {
        const expected = rows
          .filter((row) => Object.entries(query).every(([key, value]) =>
            key === 'since' ? row.startedAt >= (value as Date) : key === 'until' ? row.startedAt < (value as Date) : (row as never)[key] === value))
          .map((row) => row.id)
          .sort()
          .reverse();
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await store.listRequests({ ...query, limit: 7, cursor });
          assert.ok(page.rows.length <= 7);
          seen.push(...page.rows.map((row) => row.id));
          cursor = page.nextCursor;
        } while (cursor !== null);
        assert.deepEqual(seen, expected, JSON.stringify(query));
      }
      const page = await store.listRequests({ limit: 3 });
      assert.deepEqual(page.rows, rows.sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, 3));
    }));

    test('usage matches a direct computation for every grouping, filter and bucket', withStore(async (store) => {
      const rows = await record(store, randomTraffic({ seed: 42, count: 400, start: T0, spanMs: 3 * 24 * HOUR }));
      const aligned = new Date(T0.getTime() + 10 * HOUR);
      const queries: UsageQuery[] = [
        {},
        { groupBy: ['tenant'] },
        { groupBy: ['tenant', 'model'], bucket: 'hour' },
        { groupBy: ['feature'], where: { tenant: 'acme' }, bucket: 'day' },
        { groupBy: ['status', 'provider'] },
        { where: { tenant: null }, groupBy: ['model'] },
        { groupBy: ['tag.team'] },
        { groupBy: ['tag.team', 'model'], where: { 'tag.env': 'prod' } },
        { groupBy: ['user'], where: { 'tag.team': null } },
        { since: aligned, until: new Date(aligned.getTime() + 30 * HOUR), groupBy: ['model'], bucket: 'hour' },
        { since: new Date(aligned.getTime() + 1234), until: new Date(aligned.getTime() + 40 * HOUR - 1), groupBy: ['tenant'] },
        { groupBy: ['requestedModel', 'cache', 'usageSource'], bucket: 'day' },
        { where: { status: 'ok', model: 'gpt-4o' }, bucket: 'day' },
        { where: { tenant: 'nobody' } },
      ];
      for (const query of queries) {
        const actual = await store.usage(query);
        assert.deepEqual(actual, expectedUsage(rows, query), JSON.stringify(query));
        assert.deepEqual(actual.total, sumMetrics(actual.data));
      }
    }));

    test('recoverStarted settles orphaned rows at their reservation, once', withStore(async (store) => {
      const a = await store.open({ operationId: 'a', startedAt: T0, reservedUsd: 1_500n, tenant: 't' });
      const b = await store.open({ operationId: 'b', startedAt: T0, reservedUsd: 2_500n, tenant: 't' });
      const c = await store.open({ operationId: 'c', startedAt: T0, reservedUsd: 0n, unpriced: true, tenant: 't' });
      const d = await store.open({ operationId: 'd', startedAt: T0, reservedUsd: 9_999n, tenant: 't' });
      await store.finalize(d.id, { status: 'ok', costUsd: 7n });
      const now = new Date(T0.getTime() + 60_000);
      assert.equal(await store.recoverStarted(now), 3);
      const recovered = (await Promise.all([a, b, c].map((row) => store.getRequest(row.id)))) as LedgerRow[];
      assert.deepEqual(recovered.map((row) => [row.status, row.costUsd, row.endedAt, row.usageSource]), [
        ['unknown_outcome', 1_500n, now, 'estimated'],
        ['unknown_outcome', 2_500n, now, 'estimated'],
        ['unknown_outcome', null, now, 'estimated'],
      ]);
      assert.equal(await store.recoverStarted(now), 0);
      await assertRejects(store.finalize(a.id, { status: 'ok' }), 'conflict');
      const usage = await store.usage({ groupBy: ['status'] });
      assert.deepEqual(usage.data.map((group) => [group.group.status, group.requests, group.costUsd, group.unpricedRequests]), [
        ['ok', 1, 7n, 0],
        ['unknown_outcome', 3, 4_000n, 1],
      ]);
    }));

    test('a thousand concurrent writers all land', withStore(async (store) => {
      const writers = Array.from({ length: 1000 }, async (_, index) => {
        const row = await store.open({ operationId: `op-${index}`, startedAt: new Date(T0.getTime() + index), tenant: `t${index % 7}` });
        return store.finalize(row.id, { status: 'ok', costUsd: BigInt(index) * 1_000_000_007n, outputTokens: index });
      });
      const settled = await Promise.all(writers);
      assert.equal(new Set(settled.map((row) => row.id)).size, 1000);
      const opens = await Promise.all(Array.from({ length: 1000 }, (_, index) => store.open({ operationId: `burst-${index}`, startedAt: T0 })));
      await Promise.all(opens.map((row) => store.finalize(row.id, { status: 'error', costUsd: 0n })));
      const usage = await store.usage({ groupBy: ['status'] });
      const expectedCost = (999n * 1000n / 2n) * 1_000_000_007n;
      assert.deepEqual(usage.data.map((group) => [group.group.status, group.requests, group.costUsd]), [
        ['error', 1000, 0n],
        ['ok', 1000, expectedCost],
      ]);
      assert.equal(usage.total.outputTokens, (999 * 1000) / 2);
      let count = 0;
      let cursor: string | null = null;
      do {
        const page = await store.listRequests({ limit: 1000, cursor });
        count += page.rows.length;
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(count, 2000);
    }));

    test('close commits pending writes, then refuses new ones', async () => {
      const store = await makeStore();
      const pending = store.open({ operationId: 'late', startedAt: T0 });
      await store.close();
      assert.equal((await pending).status, 'started');
      await assertRejects(store.open({ operationId: 'after', startedAt: T0 }), 'closed');
      await assertRejects(store.getRequest('x'), 'closed');
    });
  });
}

/** Opens and (where the traffic says so) finalizes every request; returns the rows as stored. */
async function record(store: LedgerStore, traffic: ReturnType<typeof randomTraffic>): Promise<LedgerRow[]> {
  return Promise.all(
    traffic.map(async ({ open, patch }) => {
      const row = await store.open(open);
      return patch === null ? row : store.finalize(row.id, patch);
    }),
  );
}

async function assertRejects(promise: Promise<unknown>, reason: LedgerStoreErrorReason): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof LedgerStoreError && error.reason === reason);
}

function reasonOf(result: PromiseSettledResult<unknown>): string | undefined {
  return result.status === 'rejected' && result.reason instanceof LedgerStoreError ? result.reason.reason : undefined;
}
