// `costops serve` as a user meets it: start with no config, graceful SIGTERM with a request in flight, unpriced models.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { startFakeUpstream, slowFirstByte, type FakeUpstream } from '../support/fake-upstream/index.ts';
import { openSqliteLedgerStore } from '../../src/storage/index.ts';

const bin = fileURLToPath(new URL('../../bin/costops.mjs', import.meta.url));
let fake: FakeUpstream;
let dir: string;

before(async () => {
  fake = await startFakeUpstream();
  dir = mkdtempSync(join(tmpdir(), 'costops-serve-'));
});
after(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function serve(cwd: string, args: string[] = []): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match && output.includes('point an OpenAI SDK')) resolve({ child, url: match[1]!, output: () => output });
    });
    child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

test('with no config file it starts, creates ./data/costops.db, says how to add a provider, and answers model_not_found', async () => {
  const cwd = mkdtempSync(join(dir, 'empty-'));
  const { child, url, output } = await serve(cwd);
  try {
    assert.match(output(), /config: defaults/);
    assert.match(output(), /no providers configured/);
    assert.ok(existsSync(join(cwd, 'data', 'costops.db')));
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 });
    const error = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    assert.ok(error instanceof OpenAI.NotFoundError);
    assert.match(error.message, /no providers are configured. Add one under "providers:"/);
  } finally {
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0);
  }
});

test('a bad config stops start-up with a message naming the key (exit 1)', async () => {
  const cwd = mkdtempSync(join(dir, 'bad-'));
  writeFileSync(join(cwd, 'costops.config.yaml'), 'providers:\n  - { name: x, kind: azure, base_url: "http://127.0.0.1:1", models: ["*"] }\n');
  const child = spawn(process.execPath, [bin, 'serve'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  assert.equal(await exited(child), 1);
  assert.match(stderr, /providers\[0\]\.kind: must be one of openai, anthropic, gemini, openai-compatible/);
});

test('SIGTERM lets an in-flight request finish, then exits 0 with its row finalized; unpriced models are never $0', async () => {
  const cwd = mkdtempSync(join(dir, 'graceful-'));
  writeFileSync(
    join(cwd, 'costops.config.yaml'),
    [
      'providers:',
      `  - { name: openai, kind: openai, base_url: "${fake.url}/v1", api_key: "sk-test-upstream", models: ["*"] }`,
      `  - { name: local, kind: openai-compatible, base_url: "${fake.url}/v1", models: ["my-local-model"] }`,
    ].join('\n'),
  );
  const { child, url } = await serve(cwd);
  const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 });

  const { response: unpricedResponse } = await client.chat.completions.create({ model: 'my-local-model', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  assert.equal(unpricedResponse.headers.get('x-costops-cost-usd'), null);
  const unpricedId = unpricedResponse.headers.get('x-costops-request-id')!;

  fake.script(slowFirstByte(400));
  const inFlight = client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'slow' }] }).withResponse();
  await new Promise((resolve) => setTimeout(resolve, 100));
  child.kill('SIGTERM');
  const { response } = await inFlight;
  assert.equal(response.status, 200);
  assert.equal(await exited(child), 0);

  const store = await openSqliteLedgerStore({ path: join(cwd, 'data', 'costops.db') });
  try {
    const row = await store.getRequest(response.headers.get('x-costops-request-id')!);
    assert.equal(row?.status, 'ok');
    const unpriced = await store.getRequest(unpricedId);
    assert.deepEqual([unpriced?.status, unpriced?.unpriced, unpriced?.costUsd, unpriced?.provider], ['ok', true, null, 'local']);
  } finally {
    await store.close();
  }
});

/** Runs the `costops` CLI as a user would, in `cwd`. */
function cli(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (data: Buffer) => (stdout += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

test("the README's path: a provider from the config (its key from the environment), the openai SDK pointed at the gateway, the request and its cost in `costops report`", async () => {
  const cwd = mkdtempSync(join(dir, 'readme-'));
  writeFileSync(
    join(cwd, 'costops.config.yaml'),
    ['providers:', `  - { name: openai, kind: openai, base_url: "${fake.url}/v1", api_key: "\${OPENAI_API_KEY}", models: ["*"] }`].join('\n'),
  );
  process.env['OPENAI_API_KEY'] = 'sk-from-the-environment';
  let served: Awaited<ReturnType<typeof serve>>;
  try {
    served = await serve(cwd);
  } finally {
    delete process.env['OPENAI_API_KEY'];
  }
  const { child, url } = served;
  const stopped = exited(child);
  try {
    // as the README shows it
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'anything-while-auth-is-off', maxRetries: 0 });
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] }, { headers: { 'x-costops-user': 'alice', 'x-costops-feature': 'support-bot' } })
      .withResponse();
    assert.equal(fake.requests.at(-1)!.headers['authorization'], 'Bearer sk-from-the-environment', 'the provider key from the environment goes upstream');
    const cost = response.headers.get('x-costops-cost-usd')!;
    assert.match(cost, /^0\.\d{9}$/);
    assert.notEqual(cost, '0.000000000');
    const tokens = Object.fromEntries(response.headers.get('x-costops-tokens')!.split(',').map((pair) => pair.split('=') as [string, string]));
    assert.deepEqual([Number(tokens['in']), Number(tokens['out'])], [data.usage!.prompt_tokens, data.usage!.completion_tokens]);

    // from the running gateway's admin API: the group's line, its token classes and its exact cost
    const live = await cli(cwd, ['report', '--since', '1h', '--by', 'model,feature', '--url', url]);
    assert.equal(live.code, 0, live.stderr);
    const line = live.stdout.split('\n').find((text) => text.startsWith('gpt-4o'));
    assert.ok(line, live.stdout);
    assert.deepEqual(line.split(/\s{2,}/), ['gpt-4o', 'support-bot', '1', tokens['in'], tokens['cached'], tokens['cache_write'], tokens['out'], tokens['reasoning'], cost]);

    // and from the ledger file once the gateway has stopped
    child.kill('SIGTERM');
    assert.equal(await stopped, 0);
    const fromFile = await cli(cwd, ['report', '--since', '1h', '--by', 'model,feature', '--format', 'json']);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    const usage = JSON.parse(fromFile.stdout) as { data: { model: string; feature: string; requests: number; cost_usd: string }[]; total: { cost_usd: string; requests: number } };
    assert.deepEqual(
      usage.data.map((group) => [group.model, group.feature, group.requests, group.cost_usd]),
      [['gpt-4o', 'support-bot', 1, cost]],
    );
    assert.deepEqual([usage.total.requests, usage.total.cost_usd], [1, cost]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
