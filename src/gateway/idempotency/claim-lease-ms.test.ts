import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig } from '../config/index.ts';
import { claimLeaseMs } from './claim-lease-ms.ts';

test('the lease is twice the longest provider total timeout', () => {
  const provider = (name: string, total_ms?: number) => ({
    name,
    kind: 'openai-compatible',
    base_url: 'http://127.0.0.1:9/v1',
    models: ['m'],
    ...(total_ms && { timeouts: { total_ms, first_byte_ms: 1000 } }),
  });
  assert.equal(claimLeaseMs(validateConfig({ providers: [provider('a')] })), 1_200_000);
  assert.equal(claimLeaseMs(validateConfig({ providers: [provider('a', 30_000), provider('b', 3_600_000)] })), 7_200_000);
  assert.equal(claimLeaseMs(validateConfig({ providers: [] })), 60_000);
});
