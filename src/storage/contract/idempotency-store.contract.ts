/**
 * The behaviour every IdempotencyStore adapter must show (SPEC §7 "Idempotency"). An adapter's test
 * calls `runIdempotencyStoreContract('sqlite', (options) => openSqliteIdempotencyStore({ path, ...options }))`;
 * each case gets a fresh, empty store and closes it. Time is whatever `now` a case passes.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IDEMPOTENCY_WINDOW_MS, type IdempotencyStore, type IdempotentResponse } from '../../core/ports/index.ts';

const T0 = new Date('2025-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const LEASE_MS = 20 * 60_000;

const RESPONSE: IdempotentResponse = {
  status: 200,
  headers: { 'content-type': 'application/json', 'x-costops-request-id': 'req_1' },
  body: new TextEncoder().encode('{"id":"chatcmpl-1","choices":[]}'),
};

export interface IdempotencyContractOptions {
  leaseMs?: number;
}

/** Registers the contract cases for one adapter. */
export function runIdempotencyStoreContract(name: string, makeStore: (options: IdempotencyContractOptions) => Promise<IdempotencyStore>): void {
  const withStore = (run: (store: IdempotencyStore) => Promise<void>) => async () => {
    const store = await makeStore({ leaseMs: LEASE_MS });
    try {
      await run(store);
    } finally {
      await store.close();
    }
  };
  const begin = (store: IdempotencyStore, fields: { tenant?: string; key?: string; requestHash?: string; now?: Date } = {}) =>
    store.begin({ tenant: 'acme', key: 'k1', requestHash: HASH_A, now: T0, ...fields });

  describe(`IdempotencyStore contract: ${name}`, () => {
    test('the first begin claims; a repeat waits while in progress, then replays the stored response exactly', withStore(async (store) => {
      assert.deepEqual(await begin(store), { state: 'new' });
      assert.deepEqual(await begin(store, { now: at(1000) }), { state: 'in_progress' });
      await store.complete({ tenant: 'acme', key: 'k1', response: RESPONSE });
      const replay = await begin(store, { now: at(2000) });
      assert.equal(replay.state, 'replay');
      assert.ok(replay.state === 'replay');
      assert.equal(replay.response.status, 200);
      assert.deepEqual(replay.response.headers, RESPONSE.headers);
      assert.deepEqual(Buffer.from(replay.response.body), Buffer.from(RESPONSE.body));
    }));

    test('any bytes survive: a body that is not UTF-8, and an empty one', withStore(async (store) => {
      const binary = new Uint8Array([0, 255, 0xc3, 0x28, 10, 13, 0]);
      await begin(store, { key: 'bytes' });
      await store.complete({ tenant: 'acme', key: 'bytes', response: { status: 201, headers: {}, body: binary } });
      const replay = await begin(store, { key: 'bytes' });
      assert.ok(replay.state === 'replay');
      assert.deepEqual([...replay.response.body], [...binary]);
      await begin(store, { key: 'empty' });
      await store.complete({ tenant: 'acme', key: 'empty', response: { status: 204, headers: {}, body: new Uint8Array() } });
      const empty = await begin(store, { key: 'empty' });
      assert.ok(empty.state === 'replay');
      assert.equal(empty.response.body.byteLength, 0);
      assert.equal(empty.response.status, 204);
    }));

    test('the same key with a different body is a mismatch, in progress or complete', withStore(async (store) => {
      await begin(store);
      assert.deepEqual(await begin(store, { requestHash: HASH_B }), { state: 'mismatch' });
      await store.complete({ tenant: 'acme', key: 'k1', response: RESPONSE });
      assert.deepEqual(await begin(store, { requestHash: HASH_B, now: at(60_000) }), { state: 'mismatch' });
      // the mismatch changed nothing: the original still replays
      assert.equal((await begin(store, { now: at(61_000) })).state, 'replay');
    }));

    test('release frees the key for a retry; complete after release stores nothing', withStore(async (store) => {
      await begin(store);
      await store.release({ tenant: 'acme', key: 'k1' });
      assert.deepEqual(await begin(store, { now: at(1) }), { state: 'new' });
      await store.release({ tenant: 'acme', key: 'k1' });
      await store.complete({ tenant: 'acme', key: 'k1', response: RESPONSE });
      assert.deepEqual(await begin(store, { now: at(2) }), { state: 'new' });
    }));

    test('release never drops a completed record', withStore(async (store) => {
      await begin(store);
      await store.complete({ tenant: 'acme', key: 'k1', response: RESPONSE });
      await store.release({ tenant: 'acme', key: 'k1' });
      assert.equal((await begin(store)).state, 'replay');
    }));

    test('a completed record is not overwritten by a second complete', withStore(async (store) => {
      await begin(store);
      await store.complete({ tenant: 'acme', key: 'k1', response: RESPONSE });
      await store.complete({ tenant: 'acme', key: 'k1', response: { status: 400, headers: {}, body: new Uint8Array([1]) } });
      const replay = await begin(store);
      assert.ok(replay.state === 'replay');
      assert.equal(replay.response.status, 200);
    }));

    test('keys are tenant-scoped: the same key from two tenants is two records', withStore(async (store) => {
      assert.deepEqual(await begin(store, { tenant: 'acme' }), { state: 'new' });
      assert.deepEqual(await begin(store, { tenant: 'globex', requestHash: HASH_B }), { state: 'new' });
      await store.complete({ tenant: 'acme', key: 'k1', response: RESPONSE });
      assert.deepEqual(await begin(store, { tenant: 'globex', requestHash: HASH_B }), { state: 'in_progress' });
      await store.release({ tenant: 'globex', key: 'k1' });
      assert.equal((await begin(store, { tenant: 'acme' })).state, 'replay');
      assert.deepEqual(await begin(store, { tenant: 'globex' }), { state: 'new' });
    }));

    test('records expire after 24 h: then the key is free, whatever the body', withStore(async (store) => {
      await begin(store);
      await store.complete({ tenant: 'acme', key: 'k1', response: RESPONSE });
      assert.equal((await begin(store, { now: at(IDEMPOTENCY_WINDOW_MS - 1) })).state, 'replay');
      assert.deepEqual(await begin(store, { requestHash: HASH_B, now: at(IDEMPOTENCY_WINDOW_MS) }), { state: 'new' });
      // the replacement is a fresh claim with its own window and body
      assert.deepEqual(await begin(store, { now: at(IDEMPOTENCY_WINDOW_MS + 1) }), { state: 'mismatch' });
      assert.deepEqual(await begin(store, { requestHash: HASH_B, now: at(IDEMPOTENCY_WINDOW_MS + 1) }), { state: 'in_progress' });
    }));

    test('a claim abandoned past its lease (a killed process) can be taken over by the same request only', withStore(async (store) => {
      await begin(store);
      assert.deepEqual(await begin(store, { now: at(LEASE_MS - 1) }), { state: 'in_progress' });
      assert.deepEqual(await begin(store, { requestHash: HASH_B, now: at(LEASE_MS) }), { state: 'mismatch' });
      assert.deepEqual(await begin(store, { now: at(LEASE_MS) }), { state: 'new' });
      assert.deepEqual(await begin(store, { now: at(LEASE_MS + 1) }), { state: 'in_progress' });
    }));

    test('50 concurrent begins for one key: exactly one claims it', withStore(async (store) => {
      const results = await Promise.all(Array.from({ length: 50 }, () => begin(store, { key: 'race' })));
      assert.equal(results.filter((result) => result.state === 'new').length, 1);
      assert.equal(results.filter((result) => result.state === 'in_progress').length, 49);
    }));

    test('a closed store refuses calls', async () => {
      const store = await makeStore({});
      await store.close();
      await assert.rejects(begin(store), /closed/);
    });
  });
}
