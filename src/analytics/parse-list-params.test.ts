import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseListParams } from './parse-list-params.ts';
import { parseUsageParams } from './parse-usage-params.ts';
import { listQueryToParams, usageQueryToParams } from './query-to-params.ts';

const now = new Date('2026-03-02T10:30:00.000Z');
const parse = (params: Record<string, string | string[] | undefined>) => parseListParams(params, { now });
const fromSearch = (search: URLSearchParams) => {
  const params: Record<string, string[]> = {};
  for (const [key, value] of search) (params[key] ??= []).push(value);
  return params;
};

test('list params: time range, limit, cursor, equality filters, status', () => {
  assert.deepEqual(parse({ since: '24h', limit: '50', cursor: '01J', tenant: 'acme', user: 'ann', feature: 'chat', model: 'gpt-4o', status: 'error' }), {
    since: new Date('2026-03-01T10:30:00.000Z'), limit: 50, cursor: '01J', tenant: 'acme', user: 'ann', feature: 'chat', model: 'gpt-4o', status: 'error',
  });
  assert.deepEqual(parse({ tenant: '', status: '' }), {});
});

test('list params: limit 1…1000, known statuses, known names only', () => {
  for (const limit of ['0', '1001', '-1', '2.5', 'ten', '']) assert.throws(() => parse({ limit }), /invalid "limit": use a whole number from 1 to 1000/);
  assert.equal(parse({ limit: '1000' }).limit, 1000);
  assert.throws(() => parse({ status: 'done' }), /invalid "status": use one of started, ok, error, aborted, blocked, cached, unknown_outcome; got "done"/);
  assert.throws(() => parse({ models: 'x' }), /invalid "models": unknown query parameter/);
});

test('a parsed query survives the trip to URL parameters and back (the CLI --url path)', () => {
  const usage = parseUsageParams({ since: '7d', until: '2026-03-02', group_by: 'requested_model,tag.team', where: ['user:', 'error_code=x'], bucket: 'hour' }, { now });
  assert.deepEqual(parseUsageParams(fromSearch(usageQueryToParams(usage)), { now: new Date(0) }), usage);
  const list = parse({ since: '2026-02-01T08:00:00+01:00', limit: '7', cursor: 'c', user: 'ann', status: 'ok' });
  assert.deepEqual(parseListParams(fromSearch(listQueryToParams(list)), { now: new Date(0) }), list);
});
