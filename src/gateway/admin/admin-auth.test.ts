import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LedgerStore } from '../../core/ports/index.ts';
import { openSqliteLedgerStore } from '../../storage/index.ts';
import { adminRoutes } from './admin-routes.ts';
import type { AdminAuthOptions } from './admin-auth.ts';
import { isLoopbackAddress } from './is-loopback-address.ts';

const ADMIN_KEY = 'adm-0123456789abcdef';
const clock = { now: () => new Date('2026-03-02T00:00:00Z') };
let store: LedgerStore;
const rowIds: Record<string, string> = {};

before(async () => {
  store = await openSqliteLedgerStore({ path: ':memory:' });
  for (const [index, tenant] of ['acme', 'globex', 'acme'].entries()) {
    const row = await store.open({ operationId: `op-${index}`, startedAt: new Date(Date.UTC(2026, 2, 1, index)), tenant, model: 'gpt-4o' });
    await store.finalize(row.id, { status: 'ok', costUsd: 1_000n * BigInt(index + 1), inputTokens: 10, outputTokens: 1, usageSource: 'provider' });
    rowIds[`${tenant}-${index}`] = row.id;
  }
});
after(() => store.close());

/** Requests the admin routes as @hono/node-server would, with the caller's socket address in env. */
function call(auth: AdminAuthOptions, path: string, options: { headers?: Record<string, string>; remoteAddress?: string } = {}) {
  const app = adminRoutes({ store, clock, auth });
  const env = options.remoteAddress === undefined ? undefined : { incoming: { socket: { remoteAddress: options.remoteAddress } } };
  return app.request(path, { headers: options.headers ?? {} }, env as never);
}

test('auth off: loopback callers (IPv4, IPv6, IPv4-mapped) are admitted, anyone else gets 403', async () => {
  for (const remoteAddress of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
    assert.equal((await call({ mode: 'off' }, '/api/requests', { remoteAddress })).status, 200, remoteAddress);
  }
  for (const remoteAddress of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', 'fe80::1', undefined]) {
    const response = await call({ mode: 'off' }, '/api/usage', remoteAddress === undefined ? {} : { remoteAddress });
    assert.equal(response.status, 403, String(remoteAddress));
    const body = (await response.json()) as { error: { type: string; code: string; message: string } };
    assert.equal(body.error.type, 'permission_error');
    assert.match(body.error.message, /only on this machine \(loopback\) while auth.mode is "off"/);
  }
});

test('auth keys: no key or a wrong key → 401 with a Bearer challenge; the admin key → 200, from any address', async () => {
  const keys: AdminAuthOptions = { mode: 'keys', adminKey: ADMIN_KEY };
  const missing = await call(keys, '/api/requests', { remoteAddress: '127.0.0.1' });
  assert.equal(missing.status, 401);
  assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="costops admin"');
  assert.match(((await missing.json()) as { error: { message: string } }).error.message, /missing admin key/);
  const refused: Record<string, string>[] = [
    { authorization: 'Bearer wrong' },
    { authorization: `Bearer ${ADMIN_KEY}x` },
    { authorization: `Bearer ${ADMIN_KEY.slice(0, -1)}` },
    { authorization: ADMIN_KEY },
    { 'x-api-key': ADMIN_KEY },
  ];
  for (const headers of refused) {
    const response = await call(keys, '/api/requests', { headers, remoteAddress: '127.0.0.1' });
    assert.equal(response.status, 401, JSON.stringify(headers));
  }
  const ok = await call(keys, '/api/requests', { headers: { authorization: `Bearer ${ADMIN_KEY}` }, remoteAddress: '203.0.113.9' });
  assert.equal(ok.status, 200);
  assert.equal(((await ok.json()) as { data: unknown[] }).data.length, 3);
  assert.equal((await call(keys, '/api/usage', { headers: { authorization: `bearer ${ADMIN_KEY}` } })).status, 200);
});

test('a tenant-scoped key (the viewer hook) sees only its tenant, and asking for another is 403', async () => {
  const auth: AdminAuthOptions = {
    mode: 'keys',
    adminKey: ADMIN_KEY,
    otherKeys: { resolve: async (key) => (key === 'view-acme' ? { role: 'viewer', tenant: 'acme' } : undefined) },
  };
  const headers = { authorization: 'Bearer view-acme' };
  const list = (await (await call(auth, '/api/requests', { headers })).json()) as { data: { tenant: string }[] };
  assert.deepEqual(list.data.map((row) => row.tenant), ['acme', 'acme']);
  assert.equal((await call(auth, '/api/requests?tenant=acme', { headers })).status, 200);
  assert.equal((await call(auth, '/api/requests?tenant=globex', { headers })).status, 403);
  const usage = (await (await call(auth, '/api/usage?group_by=tenant', { headers })).json()) as { data: { tenant: string }[]; total: { cost_usd: string } };
  assert.deepEqual(usage.data.map((group) => group.tenant), ['acme']);
  assert.equal(usage.total.cost_usd, '0.000004000');
  assert.equal((await call(auth, '/api/usage?where=tenant:globex', { headers })).status, 403);
  assert.equal((await call(auth, `/api/requests/${rowIds['globex-1']}`, { headers })).status, 404);
  assert.equal((await call(auth, `/api/requests/${rowIds['acme-2']}`, { headers })).status, 200);
  assert.equal((await call(auth, '/api/requests', { headers: { authorization: 'Bearer view-nobody' } })).status, 401);
});

test('isLoopbackAddress', () => {
  assert.equal(isLoopbackAddress('127.0.0.1'), true);
  assert.equal(isLoopbackAddress('0:0:0:0:0:0:0:1'), true);
  assert.equal(isLoopbackAddress('::FFFF:127.0.0.1'), true);
  assert.equal(isLoopbackAddress('128.0.0.1'), false);
  assert.equal(isLoopbackAddress('::2'), false);
  assert.equal(isLoopbackAddress(''), false);
});
