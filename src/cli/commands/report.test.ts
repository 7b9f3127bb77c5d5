import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UsageJson } from '../../analytics/index.ts';
import { assertTotalIsSum } from '../../analytics/__fixtures__/assert-total-is-sum.ts';
import { startTestGateway, type TestGateway } from '../../../test/support/start-test-gateway.ts';
import { manualClock, sendSampleTraffic } from '../../../test/support/sample-traffic.ts';
import { main } from '../main.ts';
import { bufferIo } from '../io.ts';
import { defaultCliDeps, type CliDeps } from './index.ts';

let env: TestGateway;
let deps: CliDeps;
const empty = mkdtempSync(join(tmpdir(), 'costops-report-empty-'));

before(async () => {
  const clock = manualClock('2026-03-01T00:00:00Z');
  env = await startTestGateway({ gateway: { clock } });
  await sendSampleTraffic(env, clock);
  // A config naming the gateway's ledger with a path relative to the working directory.
  writeFileSync(join(env.dir, 'costops.config.json'), JSON.stringify({ storage: { url: 'sqlite:./costops.db' } }));
  deps = { ...defaultCliDeps, clock: { now: () => new Date('2026-03-02T10:00:00Z') }, env: {}, cwd: env.dir };
});
after(async () => {
  await env.close();
  rmSync(empty, { recursive: true, force: true });
});

async function run(argv: string[], overrides: Partial<CliDeps> = {}) {
  const io = bufferIo();
  const code = await main(argv, io, { ...deps, ...overrides });
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Runs the report from the ledger file and through the admin API; both must print the same bytes. */
async function bothWays(...argv: string[]): Promise<string> {
  const direct = await run(['report', ...argv, '--config', 'costops.config.json']);
  const viaApi = await run(['report', ...argv, '--url', env.url]);
  assert.equal(direct.code, 0, direct.stderr);
  assert.equal(viaApi.code, 0, viaApi.stderr);
  assert.equal(viaApi.stdout, direct.stdout);
  return direct.stdout;
}

test('report --format json: the /api/usage answer, the same from the file and from --url; total = sum of groups', async () => {
  const json = JSON.parse(await bothWays('--format', 'json')) as UsageJson;
  const api = (await (await fetch(`${env.url}/api/usage?group_by=model`)).json()) as UsageJson;
  assert.deepEqual(json, api); // default --by model
  assertTotalIsSum(json);
  assert.equal(json.total.cost_usd, '0.014504100');
  assert.equal(json.total.requests, 6);
});

test('report table: a line per group with requests, every token class and exact cost, and a TOTAL line', async () => {
  const table = await bothWays();
  const lines = table.trimEnd().split('\n');
  assert.deepEqual(lines[0]!.split(/\s{2,}/), ['model', 'requests', 'input', 'cached input', 'cache write', 'output', 'reasoning', 'cost (USD)', 'unpriced']);
  assert.deepEqual(lines.slice(2, 6).map((line) => line.split(/\s{2,}/)), [
    ['gpt-4o', '3', '1,333', '0', '0', '577', '0', '0.009102500', '0'],
    ['gpt-4o-mini', '1', '976', '1,024', '0', '300', '0', '0.000403200', '0'],
    ['my-local-model', '1', '50', '0', '0', '10', '0', 'unpriced', '1'],
    ['o3-mini', '1', '688', '512', '0', '900', '640', '0.004998400', '0'],
  ]);
  assert.match(lines[6]!, /^-+/);
  assert.deepEqual(lines[7]!.split(/\s{2,}/), ['TOTAL', '6', '3,047', '1,536', '0', '1,787', '640', '0.014504100', '1']);
  assert.match(lines[8]!, /^1 request\(s\) used a model without a price/);
});

test('report --by/--where/--bucket/--since, as CSV and table: identical both ways, relative times from the CLI clock', async () => {
  const csv = await bothWays('--by', 'feature,tag.team', '--where', 'user=alice', '--bucket', 'day', '--format', 'csv');
  assert.equal(
    csv,
    'feature,tag.team,bucket,requests,cost_usd,input_tokens,cached_input_tokens,cache_write_tokens,output_tokens,reasoning_tokens,unpriced_requests,savings_usd\r\n' +
      'chat,search,2026-03-01T00:00:00.000Z,1,0.007500000,1000,0,0,500,0,0,0.000000000\r\n' +
      'summarize,search,2026-03-01T00:00:00.000Z,1,0.001602500,333,0,0,77,0,0,0.000000000\r\n',
  );
  const recent = JSON.parse(await bothWays('--since', '24h', '--by', 'user', '--where', 'feature:chat', '--where', 'model=o3-mini', '--format', 'json')) as UsageJson;
  assert.deepEqual(recent.data.map((group) => [group.user, group.requests, group.cost_usd]), [['carol', 1, '0.004998400']]);
  const hourly = await bothWays('--by', 'user', '--bucket', 'hour', '--until', '2026-03-02');
  assert.match(hourly, /^user\s+bucket\s+requests/);
  assert.match(hourly, /\nalice\s+2026-03-01 09:00\s+1\s/);
  assert.match(hourly, /\nTOTAL\s+3\s/);
});

test('bad flag values are usage errors (exit 2) naming the flag', async () => {
  const cases: [string[], RegExp][] = [
    [['--since', 'yesterday'], /error: invalid --since: write an ISO date .* got "yesterday"/],
    [['--until', '2026-02-30'], /error: invalid --until: "2026-02-30" is not a real date/],
    [['--by', 'model,modle'], /error: invalid --by: unknown dimension "modle"; use one of tenant, key_id, .*tag\.<name>/],
    [['--where', 'model'], /error: invalid --where: "model" is not a filter/],
    [['--bucket', 'week'], /error: invalid --bucket: use hour or day/],
    [['--format', 'xml'], /argument 'xml' is invalid. Allowed choices are table, json, csv/],
    [['--config', 'x.json', '--url', 'http://127.0.0.1:1'], /give --config .* or --url .*, not both/],
  ];
  for (const [argv, message] of cases) {
    const result = await run(['report', ...argv]);
    assert.equal(result.code, 2, argv.join(' '));
    assert.equal(result.stdout, '');
    assert.match(result.stderr, message);
  }
});

test('no ledger file: exit 1 with what to do, and no empty ledger is created', async () => {
  for (const command of [['report'], ['export', '--format', 'csv']]) {
    const result = await run(command, { cwd: empty });
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'costops: no ledger at ./data/costops.db — start the gateway with `costops serve` first or pass --config\n');
    assert.equal(existsSync(join(empty, 'data')), false);
  }
});

test('--url: an unreachable gateway and a refused admin key are one-line errors (exit 1); the key comes from --admin-key or COSTOPS_ADMIN_KEY', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const unreachable = await run(['report', '--url', `http://127.0.0.1:${port}`]);
  assert.equal(unreachable.code, 1);
  assert.equal(unreachable.stderr, `costops: cannot reach the admin API at http://127.0.0.1:${port} (ECONNREFUSED): is \`costops serve\` running there?\n`);
  const locked = await startTestGateway({ config: { auth: { mode: 'keys', admin_key: 'adm-report-key' } }, gateway: { keys: { resolve: async () => undefined } } });
  try {
    const refused = await run(['report', '--url', locked.url]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /admin API at .* answered 401: missing admin key/);
    assert.equal((await run(['report', '--url', locked.url, '--admin-key', 'wrong'])).code, 1);
    assert.equal((await run(['report', '--url', locked.url, '--admin-key', 'adm-report-key'])).code, 0);
    assert.equal((await run(['report', '--url', locked.url], { env: { COSTOPS_ADMIN_KEY: 'adm-report-key' } })).code, 0);
  } finally {
    await locked.close();
  }
});
