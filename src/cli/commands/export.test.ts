import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerRowJson } from '../../analytics/index.ts';
import { startTestGateway, type TestGateway } from '../../../test/support/start-test-gateway.ts';
import { manualClock, sendSampleTraffic } from '../../../test/support/sample-traffic.ts';
import { main } from '../main.ts';
import { bufferIo } from '../io.ts';
import { defaultCliDeps, type CliDeps } from './index.ts';

const BULK = 1_234; // more than one page of 1,000
let env: TestGateway;
let deps: CliDeps;
let apiRows: LedgerRowJson[];

before(async () => {
  const clock = manualClock('2026-03-01T00:00:00Z');
  env = await startTestGateway({ gateway: { clock } });
  await sendSampleTraffic(env, clock);
  // Bulk rows straight through the store, a minute apart in February, so paging has work to do.
  const start = Date.parse('2026-02-01T00:00:00Z');
  await Promise.all(Array.from({ length: BULK }, async (_, index) => {
    const row = await env.gateway.store.open({ operationId: `bulk-${index}`, startedAt: new Date(start + index * 60_000), tenant: 'bulk', user: index % 7 === 0 ? 'comma, "quoted" user' : null, model: 'gpt-4o-mini', provider: 'openai' });
    await env.gateway.store.finalize(row.id, { status: 'ok', inputTokens: index, outputTokens: 1, costUsd: BigInt(index) * 150n, usageSource: 'provider' });
  }));
  writeFileSync(join(env.dir, 'costops.config.json'), JSON.stringify({ storage: { url: 'sqlite:./costops.db' } }));
  deps = { ...defaultCliDeps, clock: { now: () => new Date('2026-03-02T10:00:00Z') }, env: {}, cwd: env.dir, progress: { isTTY: false, write: () => assert.fail('progress written without a TTY') } };
  apiRows = [];
  let cursor: string | null = null;
  do {
    const page = (await (await fetch(`${env.url}/api/requests?limit=500${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { data: LedgerRowJson[]; next_cursor: string | null };
    apiRows.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
});
after(() => env.close());

async function run(argv: string[], overrides: Partial<CliDeps> = {}) {
  const io = bufferIo();
  const code = await main(argv, io, { ...deps, ...overrides });
  return { code, stdout: io.stdout, stderr: io.stderr };
}

async function bothWays(...argv: string[]): Promise<string> {
  const direct = await run(['export', ...argv, '--config', 'costops.config.json']);
  const viaApi = await run(['export', ...argv, '--url', env.url]);
  assert.equal(direct.code, 0, direct.stderr);
  assert.equal(viaApi.code, 0, viaApi.stderr);
  assert.equal(direct.stderr, '');
  assert.equal(viaApi.stdout, direct.stdout);
  return direct.stdout;
}

test('export --format jsonl: every row once, newest first, as GET /api/requests gives them; same from file and --url', async () => {
  const lines = (await bothWays('--format', 'jsonl')).trimEnd().split('\n');
  assert.equal(lines.length, BULK + 6);
  assert.deepEqual(lines.map((line) => JSON.parse(line)), apiRows);
  assert.equal(new Set(apiRows.map((row) => row.id)).size, BULK + 6);
});

test('export --format csv: header + one record per row, quoted where needed; same from file and --url', async () => {
  const csv = await bothWays('--format', 'csv');
  assert.ok(csv.startsWith('id,operation_id,attempt,started_at,'));
  assert.equal(csv.split('\r\n').length - 1, BULK + 6 + 1);
  assert.ok(csv.includes(',"comma, ""quoted"" user",'));
  assert.ok(csv.includes(',team=ops;tier=gold,'));
  assert.ok(csv.includes(`\r\n${apiRows[0]!.id},`));
});

test('export --since/--until selects by start time (until exclusive)', async () => {
  const lines = (await bothWays('--format', 'jsonl', '--since', '2026-02-01T10:00:00Z', '--until', '2026-02-01T11:00:00Z')).trimEnd().split('\n');
  assert.equal(lines.length, 60);
  const sample = (await bothWays('--format', 'jsonl', '--since', '2026-03-01')).trimEnd().split('\n');
  assert.equal(sample.length, 6);
});

test('export --out FILE: the same bytes in the file, a summary on stdout, no partial file left', async () => {
  const path = join(env.dir, 'ledger.csv');
  const result = await run(['export', '--format', 'csv', '--config', 'costops.config.json', '--out', path]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, `exported 1,240 rows to ${path}\n`);
  assert.equal(readFileSync(path, 'utf8'), await bothWays('--format', 'csv'));
  assert.equal(existsSync(`${path}.partial`), false);
  const missing = await run(['export', '--format', 'csv', '--config', 'costops.config.json', '--out', join(env.dir, 'no', 'such', 'dir.csv')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^costops: cannot write .*dir\.csv: ENOENT — check that its folder exists/);
});

test('progress goes to stderr only when it is a TTY, page by page', async () => {
  const written: string[] = [];
  const result = await run(['export', '--format', 'jsonl', '--config', 'costops.config.json'], { progress: { isTTY: true, write: (text) => written.push(text) } });
  assert.equal(result.code, 0);
  assert.deepEqual(written, ['\rexported 1,000 rows…', '\rexported 1,240 rows…', '\n']);
});

test('usage errors exit 2: no --format, an unknown format, a bad --since', async () => {
  const cases: [string[], RegExp][] = [
    [[], /required option '--format <format>' not specified/],
    [['--format', 'xlsx'], /argument 'xlsx' is invalid. Allowed choices are csv, jsonl/],
    [['--format', 'csv', '--since', 'last week'], /error: invalid --since: write an ISO date/],
  ];
  for (const [argv, message] of cases) {
    const result = await run(['export', ...argv]);
    assert.equal(result.code, 2, argv.join(' '));
    assert.match(result.stderr, message);
  }
});
