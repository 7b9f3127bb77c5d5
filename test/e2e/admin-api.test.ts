// The admin API's read side through a real gateway: rows made by the OpenAI SDK against the fake
// upstream, then read back with filters, cursor paging, usage groups and buckets (SPEC §4, §7, §14).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUsd, sumNanos } from '../../src/core/money/index.ts';
import { rowToJson, type LedgerRowJson, type UsageJson } from '../../src/analytics/index.ts';
import { assertTotalIsSum } from '../../src/analytics/__fixtures__/assert-total-is-sum.ts';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';
import { manualClock, sendSampleTraffic } from '../support/sample-traffic.ts';

let env: TestGateway;
let ids: string[];
let all: LedgerRowJson[];
const clock = manualClock('2026-03-01T00:00:00Z');

const get = async (path: string) => {
  const response = await fetch(`${env.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
};
const usage = async (search: string) => {
  const { status, body } = await get(`/api/usage?${search}`);
  assert.equal(status, 200, JSON.stringify(body));
  return body as UsageJson;
};
const costOf = (rows: readonly LedgerRowJson[]) => sumNanos(rows.filter((row) => row.cost_usd !== null).map((row) => parseUsd(row.cost_usd!)));

before(async () => {
  env = await startTestGateway({ gateway: { clock } });
  ids = await sendSampleTraffic(env, clock);
  clock.set('2026-03-02T10:00:00Z');
  all = (await get('/api/requests?limit=1000')).body.data;
});
after(() => env.close());

test('GET /api/requests: every row, newest first, in the SPEC §7 shape, equal to the stored rows', async () => {
  assert.equal(all.length, 6);
  assert.deepEqual(all.map((row) => row.id), [...ids].reverse());
  for (const row of all) assert.deepEqual(row, rowToJson((await env.gateway.store.getRequest(row.id))!));
  const first = all.at(-1)!;
  assert.equal(first.started_at, '2026-03-01T09:10:00.000Z');
  assert.equal(first.cost_usd, '0.007500000'); // 1000 × $2.5/M + 500 × $10/M
  assert.deepEqual(first.tags, { team: 'search' });
  const unpriced = all.find((row) => row.model === 'my-local-model')!;
  assert.equal(unpriced.unpriced, true);
  assert.equal(unpriced.cost_usd, null);
  const failed = all.find((row) => row.status === 'error')!;
  assert.equal(failed.http_status, 500);
  assert.equal(failed.cost_usd, '0.000000000');
});

test('GET /api/requests filters: user, feature, model, status, tenant, since/until (absolute and relative)', async () => {
  const ids = async (search: string) => (await get(`/api/requests?${search}`)).body.data.map((row: LedgerRowJson) => row.id);
  const expect = (predicate: (row: LedgerRowJson) => boolean) => all.filter(predicate).map((row) => row.id);
  assert.deepEqual(await ids('user=alice'), expect((row) => row.user === 'alice'));
  assert.equal((await ids('user=alice')).length, 2);
  assert.deepEqual(await ids('feature=chat&model=gpt-4o'), expect((row) => row.feature === 'chat' && row.model === 'gpt-4o'));
  assert.deepEqual(await ids('status=error'), expect((row) => row.status === 'error'));
  assert.deepEqual(await ids('tenant=default'), expect(() => true));
  assert.deepEqual(await ids('tenant=nobody'), []);
  assert.deepEqual(await ids('since=2026-03-01T09:40:00Z&until=2026-03-02'), expect((row) => row.started_at >= '2026-03-01T09:40' && row.started_at < '2026-03-02'));
  // the clock reads 2026-03-02T10:00Z: 2h back is 08:00, inclusive
  assert.deepEqual(await ids('since=2h'), expect((row) => row.started_at >= '2026-03-02T08:00'));
  assert.equal((await ids('since=2h')).length, 3);
});

test('GET /api/requests pages with the cursor: no row twice, none missing, null cursor at the end', async () => {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const { body } = await get(`/api/requests?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
    seen.push(...body.data.map((row: LedgerRowJson) => row.id));
    cursor = body.next_cursor;
    pages++;
  } while (cursor !== null);
  assert.equal(pages, 2);
  assert.deepEqual(seen, all.map((row) => row.id));
  const filtered = await get('/api/requests?limit=1&user=alice');
  assert.equal(filtered.body.data.length, 1);
  const rest = await get(`/api/requests?limit=1&user=alice&cursor=${filtered.body.next_cursor}`);
  assert.equal(rest.body.data[0].user, 'alice');
  assert.equal(rest.body.next_cursor, null);
});

test('GET /api/requests/{id}: the row object itself; unknown id → 404 in OpenAI error format', async () => {
  const { status, body } = await get(`/api/requests/${ids[1]}`);
  assert.equal(status, 200);
  assert.deepEqual(body, all.find((row) => row.id === ids[1]));
  const missing = await get('/api/requests/01NOPE');
  assert.equal(missing.status, 404);
  assert.match(missing.type!, /application\/json/);
  assert.deepEqual(missing.body, { error: { message: 'no request with id "01NOPE" in the ledger', type: 'not_found_error', param: null, code: 'not_found' } });
});

test('GET /api/usage group_by=model: each group equals its rows to the nano-dollar; total equals the sum', async () => {
  const json = await usage('group_by=model');
  assertTotalIsSum(json);
  assert.deepEqual(json.data.map((group) => group.model), ['gpt-4o', 'gpt-4o-mini', 'my-local-model', 'o3-mini']);
  for (const group of json.data) {
    const rows = all.filter((row) => row.model === group.model);
    assert.equal(group.requests, rows.length);
    assert.equal(group.input_tokens, rows.reduce((sum, row) => sum + (row.input_tokens ?? 0), 0));
    assert.equal(group.cached_input_tokens, rows.reduce((sum, row) => sum + (row.cached_input_tokens ?? 0), 0));
    assert.equal(group.output_tokens, rows.reduce((sum, row) => sum + (row.output_tokens ?? 0), 0));
    assert.equal(group.reasoning_tokens, rows.reduce((sum, row) => sum + (row.reasoning_tokens ?? 0), 0));
    assert.equal(group.unpriced_requests, rows.filter((row) => row.unpriced).length);
    if (group.model === 'my-local-model') assert.equal(group.cost_usd, null);
    else assert.equal(parseUsd(String(group.cost_usd)), costOf(rows));
  }
  assert.equal(parseUsd(json.total.cost_usd!), costOf(all));
  assert.equal(json.total.requests, 6);
  assert.equal(json.total.reasoning_tokens, 640);
});

test('GET /api/usage with tag groups, where (k:v and k=v) and day/hour buckets', async () => {
  const byTeam = await usage('group_by=tag.team,feature&where=user:alice');
  assertTotalIsSum(byTeam);
  assert.deepEqual(byTeam.data.map((group) => [group['tag.team'], group.feature, group.requests]), [['search', 'chat', 1], ['search', 'summarize', 1]]);
  assert.equal(parseUsd(byTeam.total.cost_usd!), costOf(all.filter((row) => row.user === 'alice')));

  const daily = await usage('group_by=model&bucket=day&where=model=gpt-4o');
  assertTotalIsSum(daily);
  assert.deepEqual(daily.data.map((group) => [group.bucket, group.requests, group.cost_usd]), [
    ['2026-03-01T00:00:00.000Z', 2, '0.009102500'],
    ['2026-03-02T00:00:00.000Z', 1, '0.000000000'],
  ]);

  const hourly = await usage('bucket=hour&since=2026-03-01&until=2026-03-02');
  assertTotalIsSum(hourly);
  assert.deepEqual(hourly.data.map((group) => [group.bucket, group.requests]), [['2026-03-01T09:00:00.000Z', 2], ['2026-03-01T11:00:00.000Z', 1]]);
  assert.equal(parseUsd(hourly.total.cost_usd!), costOf(all.filter((row) => row.started_at < '2026-03-02')));

  const noUser = await usage('where=user:&group_by=model');
  assert.equal(noUser.total.requests, 0);
  const recent = await usage('since=24h'); // from 2026-03-01T10:00Z: the 11:05 request and the three of the next day
  assert.equal(recent.total.requests, 4);
});

test('bad parameters → 400 naming the parameter, in OpenAI error format', async () => {
  const cases: [string, RegExp][] = [
    ['/api/usage?since=yesterday', /invalid "since"/],
    ['/api/usage?group_by=model,colour', /invalid "group_by": unknown dimension "colour"/],
    ['/api/usage?where=model', /invalid "where"/],
    ['/api/usage?bucket=week', /invalid "bucket"/],
    ['/api/usage?groupby=model', /invalid "groupby": unknown query parameter/],
    ['/api/requests?limit=0', /invalid "limit"/],
    ['/api/requests?limit=5000', /invalid "limit"/],
    ['/api/requests?status=finished', /invalid "status"/],
    ['/api/requests?until=2026-13-01', /invalid "until"/],
    ['/api/requests?since=2026-03-02&until=2026-03-01', /invalid "until"/],
  ];
  for (const [path, message] of cases) {
    const { status, body } = await get(path);
    assert.equal(status, 400, path);
    assert.equal(body.error.type, 'invalid_request_error', path);
    assert.match(body.error.message, message, path);
  }
});
