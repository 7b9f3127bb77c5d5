import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BudgetFacts } from './budget-facts.ts';
import type { BudgetDefinition } from './budget-definition.ts';
import { applicableBudgets } from './applicable-budgets.ts';
import { isPerValueScope, matchScope } from './match-scope.ts';

const facts: BudgetFacts = { tenant: 'acme', keyId: 'key_1', user: 'alice', project: 'search', feature: null, tags: { team: 'core', tier: 'gold' } };

test('global covers everything; named dimensions are ANDed', () => {
  assert.deepEqual(matchScope({ global: true }, facts), { key: 'global', scope: { global: true }, filter: {} });
  assert.deepEqual(matchScope({ tenant: 'acme', user: 'alice' }, facts), {
    key: 'tenant=acme,user=alice',
    scope: { tenant: 'acme', user: 'alice' },
    filter: { tenant: 'acme', user: 'alice' },
  });
  assert.equal(matchScope({ tenant: 'acme', user: 'bob' }, facts), undefined);
  assert.equal(matchScope({ feature: '*' }, facts), undefined, 'a request without a feature is not under a per-feature budget');
});

test('"*" spends from the counter of the request\'s own value', () => {
  assert.equal(matchScope({ user: '*' }, facts)?.key, 'user=alice');
  assert.equal(matchScope({ tenant: 'acme', key: '*' }, facts)?.key, 'tenant=acme,key=key_1');
  assert.deepEqual(matchScope({ key: '*' }, facts)?.filter, { keyId: 'key_1' });
  assert.deepEqual(matchScope({ user: '*' }, facts)?.scope, { user: 'alice' });
});

test('tags: name=value, or name=* for each value', () => {
  assert.deepEqual(matchScope({ tag: 'team=core' }, facts)?.filter, { tag: { name: 'team', value: 'core' } });
  assert.equal(matchScope({ tag: 'team=*' }, facts)?.key, 'tag.team=core');
  assert.deepEqual(matchScope({ tag: 'team=*' }, facts)?.scope, { tag: 'team=core' });
  assert.equal(matchScope({ tag: 'team=ads' }, facts), undefined);
  assert.equal(matchScope({ tag: 'region=*' }, facts), undefined);
});

test('applicableBudgets keeps the budgets that cover the request, in order', () => {
  const budget = (name: string, scope: BudgetDefinition['scope']): BudgetDefinition => ({ name, scope, period: 'day', limitUsd: 1n, alertAt: [], action: 'block', blockStatus: 429 });
  const found = applicableBudgets([budget('a', { tenant: 'acme' }), budget('b', { tenant: 'other' }), budget('c', { user: '*' })], facts);
  assert.deepEqual(found.map((entry) => `${entry.definition.name}:${entry.match.key}`), ['a:tenant=acme', 'c:user=alice']);
  assert.equal(isPerValueScope({ user: '*' }), true);
  assert.equal(isPerValueScope({ tag: 'team=*' }), true);
  assert.equal(isPerValueScope({ tenant: 'acme', tag: 'team=core' }), false);
});
