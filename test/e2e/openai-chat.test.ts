import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';

let env: TestGateway;
let client: OpenAI;

before(async () => {
  env = await startTestGateway();
  client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: 'client-key-not-forwarded', maxRetries: 0 });
});
after(() => env.close());

test('non-stream chat: exact ledger row, cost and headers', async () => {
  env.fake.script({ usage: { promptTokens: 1000, outputTokens: 500 } });
  const { data, response } = await client.chat.completions
    .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }, { headers: { 'x-costops-user': 'alice', 'x-costops-feature': 'chat', 'x-costops-tags': 'team=search,tier=gold' } })
    .withResponse();
  assert.equal(data.usage?.prompt_tokens, 1000);
  const id = response.headers.get('x-costops-request-id');
  assert.ok(id);
  assert.equal(response.headers.get('x-costops-cost-usd'), '0.007500000');
  assert.equal(response.headers.get('x-costops-tokens'), 'in=1000,cached=0,cache_write=0,out=500,reasoning=0');
  assert.equal(response.headers.get('x-costops-model'), 'gpt-4o');
  const row = await env.gateway.store.getRequest(id);
  assert.ok(row);
  assert.equal(row.status, 'ok');
  assert.equal(row.tenant, 'default');
  assert.equal(row.user, 'alice');
  assert.equal(row.feature, 'chat');
  assert.deepEqual(row.tags, { team: 'search', tier: 'gold' });
  assert.equal(row.provider, 'openai');
  assert.equal(row.endpoint, 'chat.completions');
  assert.equal(row.inputTokens, 1000);
  assert.equal(row.outputTokens, 500);
  assert.equal(row.costUsd, 7_500_000n);
  assert.equal(row.usageSource, 'provider');
  assert.equal(row.priceId, 'openai:gpt-4o@base');
  // the upstream got the provider's key, never the client's
  const received = env.fake.requests.at(-1)!;
  assert.equal(received.headers['authorization'], 'Bearer sk-upstream-secret-key-123456');
});
