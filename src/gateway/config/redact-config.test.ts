import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, redactConfig, redactUrl } from './index.ts';

const TEXT = `
storage: { url: "postgres://costops:db-password@127.0.0.1:5432/costops?sslmode=require" }
redis: { url: "redis://:redis-password@127.0.0.1:6379" }
auth: { mode: keys, admin_key: "\${COSTOPS_ADMIN_KEY}" }
providers:
  - name: openai
    kind: openai
    base_url: https://api.openai.com/v1
    api_key: \${OPENAI_API_KEY}
    models: ["*"]
    headers: { OpenAI-Organization: org-123, X-Api-Key: extra-secret }
  - { name: local, kind: openai-compatible, base_url: "http://127.0.0.1:11434/v1", models: [llama3.1] }
budgets:
  - { name: b, scope: { global: true }, period: month, limit_usd: 1, action: block,
      channel: { slack: "https://hooks.slack.com/services/T000/B000/slack-token" } }
alerts:
  - { name: a, kind: unpriced_model, channel: { webhook: "https://example.com/hook?token=hook-secret" } }
`;

test('secrets are masked and everything else is left as it was', () => {
  const config = parseConfig(TEXT, {
    format: 'yaml',
    env: { COSTOPS_ADMIN_KEY: 'admin-secret', OPENAI_API_KEY: 'sk-openai-secret' },
  });
  const redacted = redactConfig(config);
  const printed = JSON.stringify(redacted);
  for (const secret of ['db-password', 'redis-password', 'admin-secret', 'sk-openai-secret', 'extra-secret', 'slack-token', 'hook-secret']) {
    assert.ok(!printed.includes(secret), `${secret} leaked: ${printed}`);
  }
  assert.equal(redacted.storage.url, 'postgres://costops:***@127.0.0.1:5432/costops?sslmode=***');
  assert.equal(redacted.redis?.url, 'redis://:***@127.0.0.1:6379');
  assert.equal(redacted.auth.admin_key, '***');
  assert.equal(redacted.providers[0]?.api_key, '***');
  assert.deepEqual(redacted.providers[0]?.headers, { 'OpenAI-Organization': 'org-123', 'X-Api-Key': '***' });
  assert.equal(redacted.providers[0]?.base_url, 'https://api.openai.com/v1');
  assert.deepEqual(redacted.providers[1], config.providers[1]);
  assert.deepEqual(redacted.budgets[0]?.channel, { slack: 'https://hooks.slack.com/services/***' });
  assert.deepEqual(redacted.alerts[0]?.channel, { webhook: 'https://example.com/hook?token=***' });
  // the original is untouched
  assert.equal(config.providers[0]?.api_key, 'sk-openai-secret');
  assert.equal(config.auth.admin_key, 'admin-secret');
});

test('a URL with nothing secret in it comes back exactly as written', () => {
  assert.equal(redactUrl('sqlite:./data/costops.db'), 'sqlite:./data/costops.db');
  assert.equal(redactUrl('http://127.0.0.1:9999/hook'), 'http://127.0.0.1:9999/hook');
  assert.equal(redactUrl('https://user:pw@example.com'), 'https://user:***@example.com/');
});
