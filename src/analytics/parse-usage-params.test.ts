import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUsageParams } from './parse-usage-params.ts';
import { parseTime } from './parse-time.ts';
import { QueryParamError } from './query-param-error.ts';

const now = new Date('2026-03-02T10:30:00.000Z');
const parse = (params: Record<string, string | string[] | undefined>) => parseUsageParams(params, { now });
const time = (text: string) => parseTime(text, { now, param: 'since' }).toISOString();

function rejects(run: () => unknown, param: string, pattern: RegExp) {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof QueryParamError, String(error));
    assert.equal(error.param, param);
    assert.equal(error.status, 400);
    assert.match(error.message, pattern);
    return true;
  });
}

test('times: ISO date is UTC midnight, a date-time without offset is UTC, offsets apply, relative counts back from the clock', () => {
  assert.equal(time('2026-01-31'), '2026-01-31T00:00:00.000Z');
  assert.equal(time('2026-01-31T12:00'), '2026-01-31T12:00:00.000Z');
  assert.equal(time('2026-01-31T12:00:05.250Z'), '2026-01-31T12:00:05.250Z');
  assert.equal(time('2026-01-31T12:00:00+02:00'), '2026-01-31T10:00:00.000Z');
  assert.equal(time('2026-01-31 12:00:00'), '2026-01-31T12:00:00.000Z');
  assert.equal(time('24h'), '2026-03-01T10:30:00.000Z');
  assert.equal(time('7d'), '2026-02-23T10:30:00.000Z');
  assert.equal(time('30m'), '2026-03-02T10:00:00.000Z');
  assert.equal(time('2w'), '2026-02-16T10:30:00.000Z');
  assert.equal(time('now'), now.toISOString());
});

test('times: nonsense, impossible dates and reversed ranges are refused, naming the parameter', () => {
  rejects(() => parse({ since: 'yesterday' }), 'since', /invalid "since": write an ISO date .* got "yesterday"/);
  rejects(() => parse({ until: '2026-02-30' }), 'until', /"2026-02-30" is not a real date/);
  rejects(() => parse({ since: '2026-01-01T24:00' }), 'since', /not a real date or time/);
  rejects(() => parse({ since: '7 days' }), 'since', /time ago like 30m, 24h, 7d/);
  rejects(() => parse({ since: '1d', until: '2d' }), 'until', /is not after since/);
  rejects(() => parse({ since: ['1d', '2d'] }), 'since', /give it once/);
});

test('group_by: snake_case dimensions and tags, in the order given, duplicates dropped', () => {
  assert.deepEqual(parse({ group_by: 'model,feature, tag.team,requested_model,key_id,model' }).groupBy, ['model', 'feature', 'tag.team', 'requestedModel', 'keyId']);
  assert.equal(parse({ group_by: '' }).groupBy, undefined);
  rejects(() => parse({ group_by: 'model,modle' }), 'group_by', /unknown dimension "modle"; use one of tenant, key_id, .* or tag\.<name>/);
  rejects(() => parse({ group_by: 'requestedModel' }), 'group_by', /unknown dimension/);
  rejects(() => parse({ group_by: 'tag.' }), 'group_by', /not a tag name/);
});

test('where: k:v and k=v, comma-separated or repeated; an empty value matches "absent"', () => {
  assert.deepEqual(parse({ where: ['model:gpt-4o,tag.team=search', 'user='] }).where, { model: 'gpt-4o', 'tag.team': 'search', user: null });
  assert.deepEqual(parse({ where: 'error_code:rate_limited' }).where, { errorCode: 'rate_limited' });
  assert.deepEqual(parse({ where: 'model:a,model:a' }).where, { model: 'a' });
  rejects(() => parse({ where: 'model' }), 'where', /"model" is not a filter: write name:value or name=value/);
  rejects(() => parse({ where: 'colour:red' }), 'where', /unknown dimension "colour"/);
  rejects(() => parse({ where: 'model:a,model:b' }), 'where', /model is given two values/);
});

test('bucket: hour or day only; unknown parameters are refused', () => {
  assert.equal(parse({ bucket: 'hour' }).bucket, 'hour');
  assert.equal(parse({ bucket: 'day' }).bucket, 'day');
  rejects(() => parse({ bucket: 'week' }), 'bucket', /use hour or day; got "week"/);
  rejects(() => parse({ group: 'model' }), 'group', /unknown query parameter; use since, until, group_by, where, bucket/);
  assert.deepEqual(parse({}), {});
});
