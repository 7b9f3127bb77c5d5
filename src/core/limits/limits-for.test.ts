import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counterKey, limitsFor } from './limits-for.ts';
import type { RateLimitFacts, RateLimitRule } from './rate-limit-rule.ts';

const FACTS: RateLimitFacts = { keyId: 'key_01', tenant: 'acme', user: 'ann', model: 'gpt-4o', project: 'search', feature: 'summarize', tags: { team: 'ml' } };
const keys = (rules: RateLimitRule[], facts: RateLimitFacts = FACTS) => limitsFor(rules, facts).map((limit) => `${limit.key} ${limit.limit}`);

test('no rules, no counters', () => {
  assert.deepEqual(limitsFor([], FACTS), []);
});

test('"*" is one counter per value; each kind of a rule is its own counter', () => {
  const rules: RateLimitRule[] = [{ scope: { key: '*' }, rpm: 600, tpm: 200_000, concurrent: 20 }];
  assert.deepEqual(keys(rules), ['rl:key=key_01:rpm 600', 'rl:key=key_01:tpm 200000', 'rl:key=key_01:concurrent 20']);
  assert.deepEqual(keys(rules, { ...FACTS, keyId: 'key_02' }), ['rl:key=key_02:rpm 600', 'rl:key=key_02:tpm 200000', 'rl:key=key_02:concurrent 20']);
  const [first] = limitsFor(rules, FACTS);
  assert.deepEqual(first, { key: 'rl:key=key_01:rpm', kind: 'rpm', limit: 600, scope: [{ dimension: 'key', value: 'key_01' }], ruleIndex: 0 });
});

test('a fixed value applies only to that value', () => {
  const rules: RateLimitRule[] = [{ scope: { tenant: 'acme' }, rpm: 100 }];
  assert.deepEqual(keys(rules), ['rl:tenant=acme:rpm 100']);
  assert.deepEqual(keys(rules, { ...FACTS, tenant: 'globex' }), []);
});

test('a request without the dimension is not limited by the rule', () => {
  const rules: RateLimitRule[] = [{ scope: { key: '*' }, rpm: 10 }, { scope: { user: '*' }, rpm: 5 }, { scope: { tag: 'team=*' }, rpm: 3 }];
  assert.deepEqual(keys(rules, { tenant: 'default', keyId: null, user: undefined }), []);
  assert.deepEqual(keys(rules, { tenant: 'default', keyId: '', user: 'bob', tags: {} }), ['rl:user=bob:rpm 5']);
});

test('scopes AND their dimensions, in one fixed order whatever the config order', () => {
  const rules: RateLimitRule[] = [{ scope: { model: 'gpt-4o', tenant: '*' }, tpm: 100_000 }];
  assert.deepEqual(keys(rules), ['rl:tenant=acme,model=gpt-4o:tpm 100000']);
  assert.deepEqual(keys(rules, { ...FACTS, model: 'gpt-4o-mini' }), []);
});

test('global covers everything with one counter', () => {
  assert.deepEqual(keys([{ scope: { global: true }, rpm: 10_000 }], {}), ['rl:global:rpm 10000']);
});

test('tags: name=* per value, name=value only that value', () => {
  assert.deepEqual(keys([{ scope: { tag: 'team=*' }, rpm: 7 }]), ['rl:tag=team%3Dml:rpm 7']);
  assert.deepEqual(keys([{ scope: { tag: 'team=ml' }, rpm: 7 }]), ['rl:tag=team%3Dml:rpm 7']);
  assert.deepEqual(keys([{ scope: { tag: 'team=web' }, rpm: 7 }]), []);
  assert.deepEqual(keys([{ scope: { tag: 'env=*' }, rpm: 7 }]), []);
});

test('precedence: a named value overrides "*" on the same counter, per kind', () => {
  const rules: RateLimitRule[] = [
    { scope: { key: '*' }, rpm: 600, tpm: 200_000 },
    { scope: { key: 'key_01' }, rpm: 6000 },
  ];
  assert.deepEqual(keys(rules), ['rl:key=key_01:tpm 200000', 'rl:key=key_01:rpm 6000']);
  assert.deepEqual(keys(rules, { ...FACTS, keyId: 'key_02' }), ['rl:key=key_02:rpm 600', 'rl:key=key_02:tpm 200000']);
  // the order of the rules does not matter
  assert.deepEqual(keys([...rules].reverse()), ['rl:key=key_01:rpm 6000', 'rl:key=key_01:tpm 200000']);
});

test('precedence: more fixed values win; equally specific duplicates keep the lower limit', () => {
  const rules: RateLimitRule[] = [
    { scope: { key: '*', model: '*' }, rpm: 100 },
    { scope: { key: '*', model: 'gpt-4o' }, rpm: 50 },
    { scope: { key: 'key_01', model: 'gpt-4o' }, rpm: 500 },
  ];
  assert.deepEqual(keys(rules), ['rl:key=key_01,model=gpt-4o:rpm 500']);
  assert.deepEqual(keys(rules, { ...FACTS, keyId: 'key_02' }), ['rl:key=key_02,model=gpt-4o:rpm 50']);
  assert.deepEqual(keys(rules, { ...FACTS, keyId: 'key_02', model: 'o3' }), ['rl:key=key_02,model=o3:rpm 100']);
  const duplicates: RateLimitRule[] = [{ scope: { user: '*' }, rpm: 30 }, { scope: { user: '*' }, rpm: 20 }, { scope: { user: '*' }, rpm: 40 }];
  assert.deepEqual(keys(duplicates), ['rl:user=ann:rpm 20']);
});

test('rules with different scopes all apply: a request must fit each', () => {
  const rules: RateLimitRule[] = [
    { scope: { global: true }, rpm: 10_000 },
    { scope: { tenant: '*' }, rpm: 1000 },
    { scope: { key: '*' }, rpm: 600, concurrent: 20 },
    { scope: { user: '*', model: 'gpt-4o' }, tpm: 50_000 },
  ];
  assert.deepEqual(keys(rules), [
    'rl:global:rpm 10000',
    'rl:tenant=acme:rpm 1000',
    'rl:key=key_01:rpm 600',
    'rl:key=key_01:concurrent 20',
    'rl:user=ann,model=gpt-4o:tpm 50000',
  ]);
});

test('values cannot forge another counter: separators are encoded', () => {
  assert.equal(counterKey([{ dimension: 'user', value: 'a,model=b' }], 'rpm'), 'rl:user=a%2Cmodel%3Db:rpm');
  assert.equal(counterKey([{ dimension: 'user', value: 'x:tpm' }], 'rpm'), 'rl:user=x%3Atpm:rpm');
  assert.notEqual(
    keys([{ scope: { user: '*' }, rpm: 1 }], { user: 'a,model=b' })[0],
    keys([{ scope: { user: '*', model: '*' }, rpm: 1 }], { user: 'a', model: 'b' })[0],
  );
});
