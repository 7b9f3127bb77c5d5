import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UsageMetrics, UsageResult } from '../ports/ledger-store.ts';
import type { AlertRule } from './alert-rule.ts';
import { createAlertEvaluator } from './create-alert-evaluator.ts';
import { dollars, settledRow } from './__fixtures__/settled-row.ts';

const T = (time: string) => new Date(`2026-03-01T${time}Z`);

test('cost_over_window: fires once when the window crosses the threshold, with exact decimal amounts', () => {
  const evaluator = createAlertEvaluator({ rules: [{ name: 'daily-spend', kind: 'cost_over_window', window: 'day', thresholdUsd: dollars(50) }] });
  const costs = [20, 20, 9.99, 0.01, 30, 100];
  const fired = costs.flatMap((usd, index) => evaluator.observe(settledRow({ costUsd: dollars(usd), startedAt: T(`1${index}:00:00`) }), T(`1${index}:00:01`)));
  assert.equal(fired.length, 1);
  const [event] = fired;
  assert.equal(event!.rule, 'daily-spend');
  assert.equal(event!.kind, 'cost_over_window');
  assert.equal(event!.value, '50.000000000');
  assert.equal(event!.threshold, '50.000000000');
  assert.deepEqual(event!.scope, { global: true });
  assert.deepEqual(event!.window, { name: 'day', start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-03-02T00:00:00Z') });
  assert.deepEqual(event!.time, T('13:00:01'));
  assert.equal(event!.message, 'daily-spend: spend today reached $50.00 (threshold $50.00) for all traffic');
  assert.equal(event!.dedupeKey, 'daily-spend|{"global":true}@2026-03-01T00:00:00.000Z');
});

test('cost_over_window: nano-dollar exactness — one nano short does not fire, the next nano does', () => {
  const evaluator = createAlertEvaluator({ rules: [{ name: 'r', kind: 'cost_over_window', window: 'hour', thresholdUsd: 1_000_000_001n }] });
  assert.equal(evaluator.observe(settledRow({ costUsd: 1_000_000_000n }), T('10:00:01')).length, 0);
  assert.equal(evaluator.observe(settledRow({ costUsd: 1n }), T('10:00:02')).length, 1);
});

test('cost_over_window: window rollover starts from zero and the next window can fire again', () => {
  const evaluator = createAlertEvaluator({ rules: [{ name: 'hourly', kind: 'cost_over_window', window: 'hour', thresholdUsd: dollars(10) }] });
  const at = (startedAt: string, usd: number) => evaluator.observe(settledRow({ costUsd: dollars(usd), startedAt: T(startedAt) }), T(startedAt));
  assert.equal(at('10:10:00', 9).length, 0);
  assert.equal(at('10:50:00', 2).length, 1);
  assert.equal(at('10:55:00', 50).length, 0, 'same window: already alerted');
  assert.equal(at('11:05:00', 9).length, 0, 'new window: $9 so far');
  const next = at('11:06:00', 1);
  assert.equal(next.length, 1);
  assert.deepEqual(next[0]!.window?.start, T('11:00:00'));
  assert.equal(next[0]!.value, '10.000000000');
  // A late row of a window already rolled past counts for nothing (its alerting is over).
  assert.equal(at('10:59:00', 100).length, 0);
});

test('cost_over_window in a time zone: the configured zone decides where "today" starts', () => {
  const evaluator = createAlertEvaluator({ timeZone: 'America/New_York', rules: [{ name: 'ny', kind: 'cost_over_window', window: 'day', thresholdUsd: dollars(10) }] });
  // 03:00Z and 06:00Z are on different New York days (midnight there is 05:00Z).
  assert.equal(evaluator.observe(settledRow({ costUsd: dollars(6), startedAt: T('03:00:00') }), T('03:00:00')).length, 0);
  assert.equal(evaluator.observe(settledRow({ costUsd: dollars(6), startedAt: T('06:00:00') }), T('06:00:00')).length, 0);
  const fired = evaluator.observe(settledRow({ costUsd: dollars(4), startedAt: T('07:00:00') }), T('07:00:00'));
  assert.equal(fired.length, 1);
  assert.deepEqual(fired[0]!.window?.start, new Date('2026-03-01T05:00:00Z'));
});

test('cost_over_window with "*" scope: one window per value, rows without the value are nobody\'s', () => {
  const evaluator = createAlertEvaluator({ rules: [{ name: 'per-feature', kind: 'cost_over_window', window: 'day', thresholdUsd: dollars(5), scope: { tenant: 'acme', feature: '*' } }] });
  const observe = (overrides: Parameters<typeof settledRow>[0]) => evaluator.observe(settledRow({ costUsd: dollars(3), ...overrides }), T('12:00:00'));
  assert.equal(observe({ feature: 'chat' }).length, 0);
  assert.equal(observe({ feature: 'search' }).length, 0);
  assert.equal(observe({ feature: 'chat', tenant: 'globex' }).length, 0, 'other tenant: outside the scope');
  assert.equal(observe({ feature: null }).length, 0);
  assert.equal(observe({ feature: null }).length, 0);
  const chat = observe({ feature: 'chat' });
  assert.equal(chat.length, 1);
  assert.deepEqual(chat[0]!.scope, { tenant: 'acme', feature: 'chat' });
  assert.match(chat[0]!.message, /for tenant=acme, feature=chat$/);
  const search = observe({ feature: 'search' });
  assert.deepEqual(search[0]!.scope, { tenant: 'acme', feature: 'search' });
});

test('cost_over_window with a cooldown: a crossing while cooling waits, and the window can still alert once it is over', () => {
  const evaluator = createAlertEvaluator({ rules: [{ name: 'hourly', kind: 'cost_over_window', window: 'hour', thresholdUsd: dollars(10), cooldownMs: 40 * 60_000 }] });
  const at = (startedAt: string, usd: number) => evaluator.observe(settledRow({ costUsd: dollars(usd), startedAt: T(startedAt) }), T(startedAt));
  assert.equal(at('10:30:00', 10).length, 1);
  assert.equal(at('11:05:00', 10).length, 0, '35 minutes after the last alert: cooling');
  const late = at('11:20:00', 1);
  assert.equal(late.length, 1, '50 minutes after: the 11:00 window alerts');
  assert.equal(late[0]!.value, '11.000000000');
});

test('remembered alerts restore their cooldown: a restart does not repeat an unpriced-model alert', () => {
  const evaluator = createAlertEvaluator({ rules: [{ name: 'unpriced', kind: 'unpriced_model' }] });
  evaluator.remember([{ dedupeKey: 'unpriced|{"global":true}|"my-model"@2026-03-01T09:30:00.000Z', time: T('09:30:00') }]);
  const observe = (now: string) => evaluator.observe(settledRow({ model: 'my-model', unpriced: true, costUsd: null }), T(now));
  assert.equal(observe('10:00:00').length, 0);
  assert.equal(observe('10:30:00').length, 1);
});

test('tag scopes: "team=*" splits by the tag value, "team=search" filters', () => {
  const split = createAlertEvaluator({ rules: [{ name: 'by-team', kind: 'request_cost', thresholdUsd: dollars(1), scope: { tag: 'team=*' } }] });
  assert.equal(split.observe(settledRow({ tags: {} }), T('10:00:00')).length, 0);
  assert.deepEqual(split.observe(settledRow({ tags: { team: 'ops' } }), T('10:00:00'))[0]?.scope, { tag: 'team=ops' });
  const fixed = createAlertEvaluator({ rules: [{ name: 'search', kind: 'request_cost', thresholdUsd: dollars(1), scope: { tag: 'team=search' } }] });
  assert.equal(fixed.observe(settledRow({ tags: { team: 'ops' } }), T('10:00:00')).length, 0);
  assert.equal(fixed.observe(settledRow({ tags: { team: 'search' } }), T('10:00:00')).length, 1);
});

test('request_cost: over the threshold fires, then the cooldown holds per scope value', () => {
  const rule: AlertRule = { name: 'pricey', kind: 'request_cost', thresholdUsd: dollars(1), scope: { user: '*' }, cooldownMs: 10 * 60_000 };
  const evaluator = createAlertEvaluator({ rules: [rule] });
  const observe = (user: string, usd: number, now: string) => evaluator.observe(settledRow({ user, costUsd: dollars(usd) }), T(now));
  assert.equal(observe('alice', 0.99, '10:00:00').length, 0);
  const first = observe('alice', 1.25, '10:00:00');
  assert.equal(first.length, 1);
  assert.equal(first[0]!.value, '1.250000000');
  assert.equal(first[0]!.details.model, 'gpt-4o');
  assert.match(first[0]!.message, /one request cost \$1\.25 \(threshold \$1\.00\)/);
  assert.equal(observe('alice', 5, '10:09:59').length, 0, 'alice is cooling down');
  assert.equal(observe('bob', 5, '10:09:59').length, 1, 'bob has his own cooldown');
  assert.equal(observe('alice', 5, '10:10:00').length, 1, 'cooldown over');
});

test('request_cost: the default cooldown is an hour', () => {
  const evaluator = createAlertEvaluator({ rules: [{ name: 'pricey', kind: 'request_cost', thresholdUsd: dollars(1) }] });
  assert.equal(evaluator.observe(settledRow(), T('10:00:00')).length, 1);
  assert.equal(evaluator.observe(settledRow(), T('10:59:59')).length, 0);
  assert.equal(evaluator.observe(settledRow(), T('11:00:00')).length, 1);
});

test('error_rate: needs min_requests before it judges, then fires once per window', () => {
  const evaluator = createAlertEvaluator({ rules: [{ name: 'errors', kind: 'error_rate', thresholdPct: 20, minRequests: 10, cooldownMs: 0 }] });
  const observe = (status: 'ok' | 'error' | 'aborted' | 'unknown_outcome', startedAt: string) =>
    evaluator.observe(settledRow({ status, startedAt: T(startedAt) }), T(startedAt));
  // 3 failures out of the first 3 requests: 100 %, but too few requests to say anything.
  assert.equal(observe('error', '10:00:00').length, 0);
  assert.equal(observe('error', '10:00:01').length, 0);
  assert.equal(observe('unknown_outcome', '10:00:02').length, 0);
  for (let index = 0; index < 6; index++) assert.equal(observe(index % 2 ? 'ok' : 'aborted', `10:01:0${index}`).length, 0);
  // The 10th request: 3 of 10 failed = 30 % ≥ 20 %.
  const fired = observe('ok', '10:02:00');
  assert.equal(fired.length, 1);
  assert.equal(fired[0]!.value, '30');
  assert.equal(fired[0]!.unit, 'percent');
  assert.deepEqual(fired[0]!.details, { requests: 10, errors: 3 });
  assert.equal(fired[0]!.message, 'errors: 30% of 10 requests failed this hour (threshold 20%) for all traffic');
  assert.equal(observe('error', '10:03:00').length, 0, 'once per window');
  // The next hour starts over: 10 requests, 1 failure = 10 % stays quiet.
  for (let index = 0; index < 9; index++) assert.equal(observe('ok', `11:00:0${index}`).length, 0);
  assert.equal(observe('error', '11:01:00').length, 0);
});

test('error_rate: below the threshold with plenty of volume stays quiet', () => {
  const evaluator = createAlertEvaluator({ rules: [{ name: 'errors', kind: 'error_rate', window: 'day', thresholdPct: 5, minRequests: 100 }] });
  const fired = [];
  for (let index = 0; index < 1000; index++) fired.push(...evaluator.observe(settledRow({ status: index % 25 === 0 ? 'error' : 'ok' }), T('10:00:00')));
  assert.equal(fired.length, 0, '4 % < 5 %');
});

test('unpriced_model: once per model per cooldown', () => {
  const evaluator = createAlertEvaluator({ rules: [{ name: 'unpriced', kind: 'unpriced_model' }] });
  const observe = (model: string, now: string) => evaluator.observe(settledRow({ model, unpriced: true, costUsd: null, priceId: null }), T(now));
  const first = observe('my-finetune', '10:00:00');
  assert.equal(first.length, 1);
  assert.equal(first[0]!.value, 'my-finetune');
  assert.equal(first[0]!.unit, 'model');
  assert.match(first[0]!.message, /model "my-finetune" \(provider openai\) has no price/);
  for (let index = 0; index < 50; index++) assert.equal(observe('my-finetune', '10:30:00').length, 0);
  assert.equal(observe('other-model', '10:30:00').length, 1, 'another model is news');
  assert.equal(observe('my-finetune', '11:00:00').length, 1, 'an hour later: reminded once');
  assert.equal(evaluator.observe(settledRow(), T('12:00:00')).length, 0, 'priced rows never fire');
});

test('budget_threshold: each threshold once per period and scope value, whatever the engine repeats', () => {
  const evaluator = createAlertEvaluator({ rules: [] });
  const period = { name: 'month' as const, start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z') };
  const crossing = (fraction: number, spent: number, scope = { tenant: 'acme' }, start = period.start) =>
    evaluator.budgetThresholdCrossed({ budget: 'acme-monthly', scope, fraction, spentUsd: dollars(spent), limitUsd: dollars(100), period: { ...period, start } }, T('10:00:00'));
  const half = crossing(0.5, 50.25);
  assert.equal(half.length, 1);
  assert.deepEqual(
    [half[0]!.rule, half[0]!.kind, half[0]!.value, half[0]!.threshold, half[0]!.message],
    ['acme-monthly', 'budget_threshold', '50.250000000', '50.000000000', 'budget acme-monthly: 50% reached — $50.25 of $100.00 spent this month for tenant=acme'],
  );
  assert.equal(crossing(0.5, 51).length, 0);
  assert.equal(crossing(0.8, 80).length, 1);
  assert.equal(crossing(0.8, 80, { tenant: 'globex' }).length, 1, 'another scope value');
  assert.equal(crossing(0.5, 50, { tenant: 'acme' }, new Date('2026-04-01T00:00:00Z')).length, 1, 'next period');
});

test('seed: totals so far come from the ledger, so a restart neither forgets spend nor repeats an alert', () => {
  const rules: AlertRule[] = [
    { name: 'daily', kind: 'cost_over_window', window: 'day', thresholdUsd: dollars(50), scope: { user: '*' } },
    { name: 'errors', kind: 'error_rate', thresholdPct: 50, minRequests: 4, scope: { feature: 'search' } },
  ];
  const now = T('15:00:00');
  const evaluator = createAlertEvaluator({ rules });
  const queries = evaluator.seedQueries(now);
  assert.deepEqual(queries, [
    { rule: 'daily', query: { since: T('00:00:00'), until: new Date('2026-03-02T00:00:00Z'), groupBy: ['user'], where: {} } },
    { rule: 'errors', query: { since: T('15:00:00'), until: T('16:00:00'), groupBy: ['status'], where: { feature: 'search' } } },
  ]);
  // alice already spent $49, bob $60 (bob's alert went out before the restart, carol's did not).
  evaluator.remember([{ dedupeKey: 'daily|{"user":"bob"}@2026-03-01T00:00:00.000Z', time: T('09:00:00') }]);
  const seeded = evaluator.seed('daily', usage([[{ user: 'alice' }, dollars(49), 3], [{ user: 'bob' }, dollars(60), 9], [{ user: 'carol' }, dollars(51), 2], [{ user: null }, dollars(500), 9]]), now);
  assert.deepEqual(seeded.map((event) => event.scope), [{ user: 'carol' }], 'crossed while down: sent now; bob: already sent');
  assert.equal(evaluator.observe(settledRow({ user: 'bob', costUsd: dollars(1), startedAt: now }), now).length, 0);
  const alice = evaluator.observe(settledRow({ user: 'alice', costUsd: dollars(1), startedAt: now }), now);
  assert.equal(alice.length, 1);
  assert.equal(alice[0]!.value, '50.000000000');
  // Error rate (feature search): 1 error in 3 so far; one more error makes 2 of 4 = 50 %.
  assert.equal(evaluator.seed('errors', usage([[{ status: 'ok' }, 0n, 2], [{ status: 'error' }, 0n, 1]]), now).length, 0);
  const errors = evaluator.observe(settledRow({ status: 'error', feature: 'search', costUsd: 0n, startedAt: now }), now);
  assert.equal(errors.length, 1);
  assert.deepEqual(errors[0]!.details, { requests: 4, errors: 2 });
});

test('observe() on a row no rule cares about allocates nothing', () => {
  const evaluator = createAlertEvaluator({ rules: [{ name: 'r', kind: 'request_cost', thresholdUsd: dollars(100) }] });
  const a = evaluator.observe(settledRow(), T('10:00:00'));
  const b = evaluator.observe(settledRow(), T('10:00:01'));
  assert.equal(a, b);
  assert.equal(a.length, 0);
});

function usage(groups: [Record<string, string | null>, bigint, number][]): UsageResult {
  const metrics = (costUsd: bigint, requests: number): UsageMetrics => ({
    requests,
    unpricedRequests: 0,
    costUsd,
    counterfactualCostUsd: costUsd,
    savingsUsd: 0n,
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    inputAudioTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    outputAudioTokens: 0,
  });
  const data = groups.map(([group, cost, requests]) => ({ group, ...metrics(cost, requests) }));
  return { data, total: metrics(0n, 0) };
}

