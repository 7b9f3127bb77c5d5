/**
 * The behaviour every KeyStore adapter must show (SPEC §4, §18). An adapter's test calls
 * `runKeyStoreContract('sqlite', (clock) => openSqliteKeyStore({ path, clock }))`; each case gets
 * a fresh, empty store on a clock it controls, and closes it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Clock, KeyStore } from '../../core/ports/index.ts';
import { CostOpsError } from '../../core/errors/index.ts';

const T0 = new Date('2025-03-01T10:00:00.000Z');
const KEY = /^co-sk-[A-Za-z0-9_-]{43}$/;

/** A clock tests move by hand. */
export function manualClock(start: Date = T0): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

/** Registers the contract cases for one adapter. */
export function runKeyStoreContract(name: string, makeStore: (clock: Clock) => Promise<KeyStore>): void {
  const withStore = (run: (store: KeyStore, clock: ReturnType<typeof manualClock>) => Promise<void>) => async () => {
    const clock = manualClock();
    const store = await makeStore(clock);
    try {
      await run(store, clock);
    } finally {
      await store.close();
    }
  };

  describe(`KeyStore contract: ${name}`, () => {
    test('create returns the plaintext once; resolve maps it to its identity', withStore(async (store) => {
      const created = await store.create({ tenant: 'acme', user: 'bob', name: 'ci', project: 'search', feature: 'chat' });
      assert.match(created.key, KEY);
      assert.equal(created.prefix, created.key.slice(0, 14));
      assert.deepEqual(
        { tenant: created.tenant, user: created.user, name: created.name, project: created.project, feature: created.feature },
        { tenant: 'acme', user: 'bob', name: 'ci', project: 'search', feature: 'chat' },
      );
      assert.deepEqual(created.createdAt, T0);
      assert.equal(created.revokedAt, null);
      assert.deepEqual(await store.resolve(created.key), { keyId: created.id, tenant: 'acme', user: 'bob', project: 'search', feature: 'chat' });
    }));

    test('optional fields default to null; blank ones count as absent; input is validated', withStore(async (store) => {
      const created = await store.create({ tenant: ' acme ', user: '  ' });
      assert.deepEqual([created.tenant, created.user, created.name, created.project, created.feature], ['acme', null, null, null, null]);
      await assert.rejects(store.create({ tenant: '' }), (error: unknown) => error instanceof CostOpsError && error.code === 'invalid_request');
      await assert.rejects(store.create({ tenant: 'acme', user: 'x'.repeat(257) }), /user is 257 characters long/);
      await assert.rejects(store.create({ tenant: 'a\nb' }), /tenant contains control characters/);
    }));

    test('every key is different, and so is every id', withStore(async (store) => {
      const created = await Promise.all(Array.from({ length: 20 }, () => store.create({ tenant: 'acme' })));
      assert.equal(new Set(created.map((key) => key.key)).size, 20);
      assert.equal(new Set(created.map((key) => key.id)).size, 20);
    }));

    test('unknown, malformed and near-miss keys do not resolve', withStore(async (store) => {
      const { key } = await store.create({ tenant: 'acme' });
      const flipped = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
      for (const presented of ['', 'sk-upstream-secret', flipped, key.slice(0, -1), `${key}x`, key.toUpperCase(), ` ${key}`]) {
        assert.equal(await store.resolve(presented), undefined, presented);
      }
    }));

    test('list gives records without secrets, oldest first, optionally for one tenant', withStore(async (store, clock) => {
      const first = await store.create({ tenant: 'acme', name: 'one' });
      clock.advance(1000);
      const other = await store.create({ tenant: 'globex' });
      clock.advance(1000);
      const second = await store.create({ tenant: 'acme', name: 'two' });
      const { key: _key, ...firstRecord } = first;
      const all = await store.list();
      assert.deepEqual(all.map((record) => record.id), [first.id, other.id, second.id]);
      assert.deepEqual(all[0], firstRecord);
      const text = JSON.stringify(all);
      for (const created of [first, other, second]) assert.ok(!text.includes(created.key.slice(14)), 'a listed record holds key material');
      assert.deepEqual((await store.list({ tenant: 'acme' })).map((record) => record.name), ['one', 'two']);
      assert.deepEqual(await store.list({ tenant: 'nobody' }), []);
    }));

    test('revoke by id, by prefix or by the key itself; the key stops resolving at once', withStore(async (store, clock) => {
      const byId = await store.create({ tenant: 'acme' });
      const byPrefix = await store.create({ tenant: 'acme' });
      const byKey = await store.create({ tenant: 'acme' });
      const kept = await store.create({ tenant: 'acme' });
      clock.advance(5000);
      const revoked = await store.revoke(byId.id);
      assert.equal(revoked?.id, byId.id);
      assert.deepEqual(revoked?.revokedAt, new Date(T0.getTime() + 5000));
      assert.equal(await store.resolve(byId.key), undefined);
      assert.equal((await store.revoke(`${byPrefix.prefix}…`))?.id, byPrefix.id);
      assert.equal(await store.resolve(byPrefix.key), undefined);
      assert.equal((await store.revoke(byKey.key))?.id, byKey.id);
      assert.equal(await store.resolve(byKey.key), undefined);
      assert.equal((await store.resolve(kept.key))?.keyId, kept.id);
      const listed = await store.list();
      assert.deepEqual(listed.map((record) => record.revokedAt !== null), [true, true, true, false]);
    }));

    test('revoking twice keeps the first time; an unknown reference gives undefined', withStore(async (store, clock) => {
      const created = await store.create({ tenant: 'acme' });
      const first = await store.revoke(created.id);
      clock.advance(60_000);
      assert.deepEqual(await store.revoke(created.id), first);
      assert.equal(await store.revoke('key_does_not_exist'), undefined);
      assert.equal(await store.revoke('co-sk-nope'), undefined);
      assert.equal(await store.revoke(''), undefined);
    }));
  });
}
