// Admin API auth through a real gateway with auth.mode keys (SPEC §4, §18): the admin key opens
// /api/*, nothing else does — not even a valid virtual key that may call the models.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';

const ADMIN_KEY = 'costops-admin-key-for-tests-0001';
const VIRTUAL_KEY = 'sk-costops-virtual-acme';
let env: TestGateway;
let id: string;

before(async () => {
  env = await startTestGateway({
    config: { auth: { mode: 'keys', admin_key: ADMIN_KEY } },
    gateway: { keys: { resolve: async (key) => (key === VIRTUAL_KEY ? { tenant: 'acme', keyId: 'key_acme' } : undefined) } },
  });
  const client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: VIRTUAL_KEY, maxRetries: 0 });
  env.fake.script({ usage: { promptTokens: 100, outputTokens: 10 } });
  const { response } = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  id = response.headers.get('x-costops-request-id')!;
});
after(() => env.close());

const get = (path: string, key?: string) => fetch(`${env.url}${path}`, key === undefined ? {} : { headers: { authorization: `Bearer ${key}` } });

test('without a key, with a wrong key, or with a virtual key: 401 on every admin route', async () => {
  for (const path of ['/api/requests', `/api/requests/${id}`, '/api/usage?group_by=model']) {
    for (const key of [undefined, 'wrong-key', VIRTUAL_KEY, `${ADMIN_KEY}2`]) {
      const response = await get(path, key);
      assert.equal(response.status, 401, `${path} with ${key}`);
      const body = (await response.json()) as { error: { type: string; code: string } };
      assert.deepEqual([body.error.type, body.error.code], ['authentication_error', 'unauthorized']);
    }
  }
});

test('with the admin key: 200 and the data', async () => {
  const list = await get('/api/requests', ADMIN_KEY);
  assert.equal(list.status, 200);
  const rows = ((await list.json()) as { data: { id: string; tenant: string; key_id: string; cost_usd: string }[] }).data;
  assert.deepEqual(rows.map((row) => [row.id, row.tenant, row.key_id, row.cost_usd]), [[id, 'acme', 'key_acme', '0.000350000']]);
  assert.equal((await get(`/api/requests/${id}`, ADMIN_KEY)).status, 200);
  const usage = (await (await get('/api/usage?group_by=tenant', ADMIN_KEY)).json()) as { total: { requests: number } };
  assert.equal(usage.total.requests, 1);
});

test('the admin key does not call models (it is not a virtual key)', async () => {
  const client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: ADMIN_KEY, maxRetries: 0 });
  await assert.rejects(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => error instanceof OpenAI.AuthenticationError);
});
