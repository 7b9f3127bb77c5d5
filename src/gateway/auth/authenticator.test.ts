import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CostOpsError } from '../../core/errors/index.ts';
import { createAuthenticator, presentedKey, type KeyResolver } from './authenticator.ts';

const KEY = `co-sk-${'k'.repeat(43)}`;
const resolver: KeyResolver & { asked: string[] } = {
  asked: [],
  async resolve(key) {
    resolver.asked.push(key);
    return key === KEY ? { tenant: 'acme', keyId: 'key_1', user: 'bob', project: null, feature: null } : undefined;
  },
};

test('the key comes from a Bearer token, else x-api-key, else x-goog-api-key', () => {
  assert.equal(presentedKey(new Headers({ authorization: `Bearer ${KEY}`, 'x-api-key': 'other' })), KEY);
  assert.equal(presentedKey(new Headers({ authorization: `bearer   ${KEY} ` })), KEY);
  assert.equal(presentedKey(new Headers({ 'x-api-key': KEY })), KEY);
  assert.equal(presentedKey(new Headers({ 'x-goog-api-key': KEY })), KEY);
  assert.equal(presentedKey(new Headers({ authorization: `Basic ${KEY}` })), undefined);
  assert.equal(presentedKey(new Headers()), undefined);
});

test('keys mode: a known key gives its identity; every request asks the resolver (no cache)', async () => {
  const auth = createAuthenticator({ mode: 'keys', keys: resolver });
  resolver.asked.length = 0;
  for (let i = 0; i < 3; i++) assert.deepEqual(await auth.authenticate(new Headers({ 'x-api-key': KEY })), { tenant: 'acme', keyId: 'key_1', user: 'bob', project: null, feature: null });
  assert.equal(resolver.asked.length, 3);
});

test('keys mode: a missing or unknown key is unauthorized (401) with a message that says what to do', async () => {
  const auth = createAuthenticator({ mode: 'keys', keys: resolver });
  const unauthorized = (pattern: RegExp) => (error: unknown) => error instanceof CostOpsError && error.status === 401 && pattern.test(error.message);
  await assert.rejects(auth.authenticate(new Headers()), unauthorized(/^missing API key: .*costops keys create/));
  await assert.rejects(auth.authenticate(new Headers({ authorization: 'Bearer co-sk-nope' })), unauthorized(/^invalid or revoked API key/));
  assert.throws(() => createAuthenticator({ mode: 'keys' }), /needs a key store/);
});

test('off mode: everyone is the default tenant, keys or not', async () => {
  const auth = createAuthenticator({ mode: 'off' });
  assert.deepEqual(await auth.authenticate(new Headers()), { tenant: 'default', keyId: null });
});
