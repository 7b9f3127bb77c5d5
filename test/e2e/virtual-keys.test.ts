// Virtual keys end to end: keys made and revoked by the `costops` CLI in a child process, presented
// by the official SDKs to the real gateway, which reads the same SQLite file on every request.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startTestGateway, UPSTREAM_KEY, type TestGateway } from '../support/start-test-gateway.ts';
import type { LedgerRow } from '../../src/core/ports/index.ts';

const bin = fileURLToPath(new URL('../../bin/costops.mjs', import.meta.url));
const execFileAsync = promisify(execFile);

let env: TestGateway;
let configFile: string;
let bob: { id: string; key: string; prefix: string };

/** Runs the CLI as a user would, against the gateway's database (async: the gateway shares this event loop). */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...args, '--config', configFile], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

before(async () => {
  env = await startTestGateway({ config: { auth: { mode: 'keys', admin_key: 'admin-secret-123456' } } });
  configFile = join(env.dir, 'costops.config.yaml');
  writeFileSync(configFile, `storage: { url: "sqlite:${join(env.dir, 'costops.db')}" }\nauth: { mode: keys, admin_key: admin-secret-123456 }\n`);
  const created = await cli('keys', 'create', '--tenant', 'acme', '--user', 'bob', '--name', 'e2e', '--json');
  assert.equal(created.code, 0, created.stderr);
  bob = JSON.parse(created.stdout);
});
after(() => env.close());
beforeEach(() => env.fake.reset());

async function rowOf(id: string | null): Promise<LedgerRow> {
  assert.ok(id, 'x-costops-request-id header');
  const row = await env.gateway.store.getRequest(id);
  assert.ok(row);
  return row;
}

/** The upstream got the provider's key and nothing of the virtual key. */
function assertUpstreamNeverSawTheKey(key: string): void {
  assert.ok(env.fake.requests.length > 0);
  for (const request of env.fake.requests) {
    const seen = JSON.stringify(request.headers);
    assert.ok(!seen.includes(key.slice(6)), `upstream headers carry the virtual key: ${seen}`);
    assert.ok(seen.includes(UPSTREAM_KEY));
  }
}

test('openai SDK: the key as Authorization: Bearer is accepted and attributed to its tenant, id and user', async () => {
  const client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: bob.key, maxRetries: 0 });
  const { response } = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  const row = await rowOf(response.headers.get('x-costops-request-id'));
  assert.deepEqual([row.status, row.tenant, row.keyId, row.user], ['ok', 'acme', bob.id, 'bob']);
  assert.equal(env.fake.requests.at(-1)!.headers['authorization'], `Bearer ${UPSTREAM_KEY}`);
  assertUpstreamNeverSawTheKey(bob.key);
});

test('the x-costops-user header overrides the key\'s default user', async () => {
  const client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: bob.key, maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-costops-user': 'carol' } })
    .withResponse();
  const row = await rowOf(response.headers.get('x-costops-request-id'));
  assert.deepEqual([row.tenant, row.keyId, row.user], ['acme', bob.id, 'carol']);
});

test('@anthropic-ai/sdk: the key given as apiKey or authToken is accepted', async () => {
  // Records what the SDK really sent (1.14 sends apiKey as a Bearer token, older ones as x-api-key): both must work.
  const sent: Headers[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    sent.push(new Headers(init?.headers));
    return fetch(input, init);
  };
  const viaApiKey = new Anthropic({ baseURL: env.url, apiKey: bob.key, maxRetries: 0, fetch: recordingFetch });
  const viaToken = new Anthropic({ baseURL: env.url, apiKey: null, authToken: bob.key, maxRetries: 0, fetch: recordingFetch });
  for (const client of [viaApiKey, viaToken]) {
    const { response } = await client.messages
      .create({ model: 'claude-sonnet-4-0', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    const row = await rowOf(response.headers.get('x-costops-request-id'));
    assert.deepEqual([row.status, row.provider, row.tenant, row.keyId, row.user], ['ok', 'anthropic', 'acme', bob.id, 'bob']);
  }
  assert.equal(sent[0]!.get('x-api-key') ?? sent[0]!.get('authorization'), sent[0]!.has('x-api-key') ? bob.key : `Bearer ${bob.key}`);
  assert.equal(sent[1]!.get('authorization'), `Bearer ${bob.key}`);
  assert.equal(env.fake.requests.at(-1)!.headers['x-api-key'], UPSTREAM_KEY);
  assertUpstreamNeverSawTheKey(bob.key);
});

test('the key as x-api-key on /v1/messages is accepted', async () => {
  const response = await fetch(`${env.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': bob.key, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-sonnet-4-0', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(response.status, 200);
  const row = await rowOf(response.headers.get('x-costops-request-id'));
  assert.deepEqual([row.tenant, row.keyId, row.user], ['acme', bob.id, 'bob']);
  assertUpstreamNeverSawTheKey(bob.key);
});

test('a missing or unknown key gets 401 in the route\'s own error format, and nothing goes upstream', async () => {
  const missing = await fetch(`${env.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(missing.status, 401);
  const missingBody = (await missing.json()) as { error: { type: string; code: string; message: string } };
  assert.deepEqual([missingBody.error.type, missingBody.error.code], ['authentication_error', 'unauthorized']);
  assert.match(missingBody.error.message, /missing API key/);

  const openai = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: `co-sk-${'A'.repeat(43)}`, maxRetries: 0 });
  await assert.rejects(openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.AuthenticationError);
    assert.equal(error.status, 401);
    assert.deepEqual(error.error, { message: 'invalid or revoked API key: create a new one with `costops keys create`', type: 'authentication_error', param: null, code: 'unauthorized' });
    return true;
  });

  const anthropic = new Anthropic({ baseURL: env.url, apiKey: 'sk-ant-not-a-costops-key', maxRetries: 0 });
  await assert.rejects(anthropic.messages.create({ model: 'claude-sonnet-4-0', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
    assert.ok(error instanceof Anthropic.AuthenticationError);
    assert.deepEqual(error.error, { type: 'error', error: { type: 'authentication_error', message: 'invalid or revoked API key: create a new one with `costops keys create`' } });
    return true;
  });
  assert.equal(env.fake.requests.length, 0);
});

test('after `costops keys revoke` in another process, the very next request gets 401', async () => {
  const created = await cli('keys', 'create', '--tenant', 'acme', '--json');
  assert.equal(created.code, 0, created.stderr);
  const doomed: { id: string; key: string; prefix: string } = JSON.parse(created.stdout);
  const openai = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: doomed.key, maxRetries: 0 });
  const anthropic = new Anthropic({ baseURL: env.url, apiKey: doomed.key, maxRetries: 0 });
  const chat = () => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  await chat();

  const revoked = await cli('keys', 'revoke', doomed.prefix);
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.match(revoked.stdout, new RegExp(`^revoked ${doomed.id} `));

  const upstreamCalls = env.fake.requests.length;
  await assert.rejects(chat(), (error: unknown) => error instanceof OpenAI.AuthenticationError);
  await assert.rejects(
    anthropic.messages.create({ model: 'claude-sonnet-4-0', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }),
    (error: unknown) => error instanceof Anthropic.AuthenticationError,
  );
  assert.equal(env.fake.requests.length, upstreamCalls);
  // Other keys keep working.
  const bobClient = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: bob.key, maxRetries: 0 });
  await bobClient.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });

  const again = await cli('keys', 'revoke', 'key_unknown');
  assert.equal(again.code, 1);
  assert.match(again.stderr, /^costops: no key with id or prefix "key_unknown"/);
});

test('the ledger and the key table never hold the plaintext key', async () => {
  const page = await env.gateway.store.listRequests({ limit: 1000 });
  assert.ok(page.rows.length > 0);
  assert.ok(!JSON.stringify(page.rows, (_name, value) => (typeof value === 'bigint' ? String(value) : value)).includes(bob.key.slice(6)));
  const listed = await cli('keys', 'list', '--json');
  assert.ok(!listed.stdout.includes(bob.key.slice(6)));
});
