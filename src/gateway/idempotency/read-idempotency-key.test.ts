import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CostOpsError } from '../../core/errors/index.ts';
import { readIdempotencyKey } from './read-idempotency-key.ts';

const headers = (value?: string) => new Headers(value === undefined ? {} : { 'Idempotency-Key': value });
const invalidHeader = (pattern: RegExp) => (error: unknown) => error instanceof CostOpsError && error.code === 'invalid_header' && pattern.test(error.message);

test('no header: no key; a UUID or any printable ASCII up to 255 characters is a key', () => {
  assert.equal(readIdempotencyKey(headers()), undefined);
  assert.equal(readIdempotencyKey(headers('0d9e3b8a-6a1f-4a8e-9f57-2f1c8d7b1e22')), '0d9e3b8a-6a1f-4a8e-9f57-2f1c8d7b1e22');
  assert.equal(readIdempotencyKey(headers('order 42: retry #1')), 'order 42: retry #1');
  assert.equal(readIdempotencyKey(headers('k'.repeat(255)))?.length, 255);
});

test('empty, too long or non-ASCII keys are refused with a 400 that says why', () => {
  assert.throws(() => readIdempotencyKey(headers('   ')), invalidHeader(/Idempotency-Key is empty/));
  assert.throws(() => readIdempotencyKey(headers('k'.repeat(256))), invalidHeader(/256 characters long; the limit is 255/));
  // Headers carries non-ASCII as latin-1 code points
  assert.throws(() => readIdempotencyKey(headers('cl\u00e9')), invalidHeader(/only printable ASCII/));
});
