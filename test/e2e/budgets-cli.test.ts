// `costops budgets set|list|delete` against a running gateway's store: a budget set by another
// process applies to the gateway's next request, and `list` shows live spent, reserved, remaining.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';
import { slowChunks } from '../support/fake-upstream/index.ts';
import { manualClock, TWO_MILLI_REQUEST, TWO_MILLI_USAGE } from '../support/budget-fixtures.ts';
import { main } from '../../src/cli/main.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { defaultCliDeps } from '../../src/cli/commands/index.ts';

const bin = fileURLToPath(new URL('../../bin/costops.mjs', import.meta.url));
const clock = manualClock('2026-03-04T12:00:00.000Z');
let env: TestGateway;
let client: OpenAI;
let configFile: string;

before(async () => {
  env = await startTestGateway({ gateway: { clock } });
  client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  configFile = join(env.dir, 'costops.config.yaml');
  writeFileSync(configFile, `storage: { url: "sqlite:${join(env.dir, 'costops.db')}" }\n`);
});
after(() => env.close());

/** The CLI in this process (same clock as the gateway), on its own connection to the gateway's file. */
async function cli(...args: string[]) {
  const io = bufferIo();
  const code = await main([...args, '--config', configFile], io, { ...defaultCliDeps, clock });
  return { code, stdout: io.stdout, stderr: io.stderr };
}

type Entry = { name: string; scope_value: string; spent_usd: string; reserved_usd: string; remaining_usd: string; period_start: string };
const listed = async (): Promise<Entry[]> => JSON.parse((await cli('budgets', 'list', '--json')).stdout) as Entry[];

test('budgets set from another process applies to the next request; list shows live spent, reserved and remaining', async () => {
  const set = await promisify(execFile)(process.execPath, [bin, 'budgets', 'set', '--name', 'cli-tenant', '--scope', 'tenant=default', '--period', 'day', '--limit', '0.01', '--alert-at', '0.5,1', '--config', configFile], { encoding: 'utf8' });
  assert.equal(set.stdout.trim(), 'budget cli-tenant saved: $0.01 per day, block; a running gateway applies it within 0.2 s');

  env.fake.script({ usage: TWO_MILLI_USAGE });
  const whole = await client.chat.completions.create(TWO_MILLI_REQUEST).withResponse();
  assert.equal(whole.response.headers.get('x-costops-budget-remaining-usd'), '0.008000000');

  // A stream in flight holds its reservation (about a second: the CLI's reads happen well within it).
  env.fake.script({ ...slowChunks(50), chunks: 20, text: 'word '.repeat(20), usage: TWO_MILLI_USAGE });
  const stream = await client.chat.completions.create({ ...TWO_MILLI_REQUEST, stream: true });
  const iterator = stream[Symbol.asyncIterator]();
  await iterator.next();
  const table = await cli('budgets', 'list');
  assert.equal(table.code, 0, table.stderr);
  const line = table.stdout.split('\n').find((row) => row.startsWith('cli-tenant'));
  assert.match(line ?? '', /^cli-tenant\s+tenant=default\s+day\s+\$0\.01\s+\$0\.002\s+\$0\.002\s+\$0\.006\s+block\s+2026-03-05T00:00:00\.000Z$/);
  const [live] = await listed();
  assert.deepEqual([live?.scope_value, live?.spent_usd, live?.reserved_usd, live?.remaining_usd, live?.period_start], ['tenant=default', '0.002000000', '0.002000000', '0.006000000', '2026-03-04T00:00:00.000Z']);
  while (!(await iterator.next()).done) {
    // drain
  }
  const [settled] = await listed();
  assert.deepEqual([settled?.spent_usd, settled?.reserved_usd, settled?.remaining_usd], ['0.004000000', '0.000000000', '0.006000000']);

  // Lowered below what is spent plus one more request: the very next request is refused.
  assert.equal((await cli('budgets', 'set', '--name', 'cli-tenant', '--scope', 'tenant=default', '--period', 'day', '--limit', '0.005')).code, 0);
  const refused = await client.chat.completions.create(TWO_MILLI_REQUEST).catch((error: unknown) => error);
  assert.ok(refused instanceof OpenAI.APIError && refused.status === 429, String(refused));
  assert.match(refused.message, /budget "cli-tenant" \(tenant=default\) has \$0\.001 left of its \$0\.005 limit per day/);
});

test('budgets set refuses a bad scope in one line; delete removes the budget', async () => {
  const bad = await cli('budgets', 'set', '--name', 'x', '--scope', 'team=core', '--period', 'day', '--limit', '1');
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.match(bad.stderr, /--scope: "team=core" is not dimension=value/);
  const invalid = await cli('budgets', 'set', '--name', 'x', '--scope', 'user=*', '--period', 'fortnight', '--limit', '1');
  assert.equal(invalid.code, 1);
  assert.match(invalid.stderr, /invalid budget: period: /);
  assert.equal((await cli('budgets', 'delete', 'cli-tenant')).stdout.trim(), 'budget cli-tenant deleted');
  assert.match((await cli('budgets', 'list')).stdout, /no budgets yet/);
  assert.equal((await cli('budgets', 'delete', 'cli-tenant')).code, 1);
});
