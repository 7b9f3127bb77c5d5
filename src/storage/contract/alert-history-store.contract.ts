/**
 * The behaviour every AlertHistoryStore adapter must show (SPEC §13). An adapter's test calls
 * `runAlertHistoryStoreContract('sqlite', () => openSqliteAlertHistoryStore({ path }))`; each
 * case gets a fresh, empty store and closes it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AlertHistoryStore, AlertRecordInput } from '../../core/ports/index.ts';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function input(fields: Partial<AlertRecordInput> = {}): AlertRecordInput {
  return {
    rule: 'daily-spend',
    kind: 'cost_over_window',
    tenant: 'acme',
    scope: { tenant: 'acme', feature: 'chat' },
    value: '50.000000001',
    threshold: '50.000000000',
    unit: 'usd',
    window: { name: 'day', start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-03-02T00:00:00Z') },
    time: T0,
    message: 'daily-spend: spend today reached $50.00',
    link: 'http://127.0.0.1:4000/?tenant=acme&feature=chat',
    details: { requests: 3, model: 'gpt-4o' },
    dedupeKey: 'daily-spend|{"tenant":"acme","feature":"chat"}@2026-03-01T00:00:00.000Z',
    channel: 'webhook',
    target: 'http://127.0.0.1:9999',
    ...fields,
  };
}

export function runAlertHistoryStoreContract(name: string, makeStore: () => Promise<AlertHistoryStore>): void {
  const withStore = (run: (store: AlertHistoryStore) => Promise<void>) => async () => {
    const store = await makeStore();
    try {
      await run(store);
    } finally {
      await store.close();
    }
  };

  describe(`AlertHistoryStore contract: ${name}`, () => {
    test('record() stores every field and starts pending with no attempts', withStore(async (store) => {
      const recorded = await store.record(input());
      assert.match(recorded.id, /^alr_[0-9A-Z]{26}$/);
      const { id, status, attempts, lastError, attemptLog, updatedAt, ...rest } = recorded;
      assert.deepEqual(rest, input());
      assert.deepEqual([status, attempts, lastError, attemptLog, updatedAt], ['pending', 0, null, [], T0]);
      const [listed] = await store.list();
      assert.deepEqual(listed, recorded);
    }));

    test('a record without window, threshold or link round-trips with nulls', withStore(async (store) => {
      const recorded = await store.record(input({ kind: 'unpriced_model', window: null, threshold: null, link: null, unit: 'model', value: 'my-model', tenant: null, scope: { global: true }, channel: 'dashboard', target: null, status: 'sent' }));
      assert.deepEqual([recorded.window, recorded.threshold, recorded.link, recorded.tenant, recorded.scope, recorded.status], [null, null, null, null, { global: true }, 'sent']);
    }));

    test('update() records delivery progress and the attempt log', withStore(async (store) => {
      const { id } = await store.record(input());
      const first = { time: at(0), durationMs: 12, httpStatus: 500, error: 'receiver answered 500' };
      const pending = await store.update(id, { status: 'pending', attempts: 1, lastError: first.error, attemptLog: [first], updatedAt: at(0) });
      assert.deepEqual([pending.status, pending.attempts, pending.lastError, pending.attemptLog], ['pending', 1, 'receiver answered 500', [first]]);
      const second = { time: at(1), durationMs: 3, httpStatus: 200, error: null };
      const sent = await store.update(id, { status: 'sent', attempts: 2, lastError: first.error, attemptLog: [first, second], updatedAt: at(1) });
      assert.deepEqual([sent.status, sent.attempts, sent.attemptLog, sent.updatedAt], ['sent', 2, [first, second], at(1)]);
      await assert.rejects(store.update('alr_nope', { status: 'sent', attempts: 1, lastError: null, attemptLog: [], updatedAt: at(2) }), (error: { code?: string }) => error.code === 'not_found');
    }));

    test('list() is newest first and filters by since, until, rule, status and tenant, with a limit', withStore(async (store) => {
      const a = await store.record(input({ time: at(0), rule: 'a' }));
      const b = await store.record(input({ time: at(5), rule: 'b', tenant: 'globex' }));
      const c = await store.record(input({ time: at(10), rule: 'a', status: 'failed' }));
      const d = await store.record(input({ time: at(10), rule: 'a' }));
      const ids = async (query: Parameters<AlertHistoryStore['list']>[0]) => (await store.list(query)).map((record) => record.id);
      assert.deepEqual(await ids({}), [d.id, c.id, b.id, a.id]);
      assert.deepEqual(await ids({ since: at(5) }), [d.id, c.id, b.id]);
      assert.deepEqual(await ids({ until: at(5) }), [a.id]);
      assert.deepEqual(await ids({ rule: 'a' }), [d.id, c.id, a.id]);
      assert.deepEqual(await ids({ status: 'failed' }), [c.id]);
      assert.deepEqual(await ids({ tenant: 'globex' }), [b.id]);
      assert.deepEqual(await ids({ rule: 'a', limit: 2 }), [d.id, c.id]);
      await assert.rejects(store.list({ limit: 0 }), /limit/);
    }));

    test('firedSince() gives each dedupe key once, with its latest time', withStore(async (store) => {
      await store.record(input({ time: at(0), dedupeKey: 'k1', channel: 'webhook' }));
      await store.record(input({ time: at(0), dedupeKey: 'k1', channel: 'slack' }));
      await store.record(input({ time: at(30), dedupeKey: 'k1' }));
      await store.record(input({ time: at(20), dedupeKey: 'k2' }));
      await store.record(input({ time: at(-60), dedupeKey: 'old' }));
      const fired = (await store.firedSince(at(-1))).sort((x, y) => x.dedupeKey.localeCompare(y.dedupeKey));
      assert.deepEqual(fired, [{ dedupeKey: 'k1', time: at(30) }, { dedupeKey: 'k2', time: at(20) }]);
    }));

    test('a closed store refuses calls', async () => {
      const store = await makeStore();
      await store.close();
      await assert.rejects(store.list(), /closed/);
    });
  });
}
