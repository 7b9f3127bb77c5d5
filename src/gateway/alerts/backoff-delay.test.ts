import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelayMs } from './backoff-delay.ts';

test('doubles per attempt, caps, and keeps half of the delay fixed under jitter', () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 4000 };
  assert.deepEqual([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, policy, () => 0)), [250, 500, 1000, 2000, 2000]);
  assert.deepEqual([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, policy, () => 0.999999)), [500, 1000, 2000, 4000, 4000]);
  for (let index = 0; index < 100; index++) {
    const delay = backoffDelayMs(3, policy);
    assert.ok(delay >= 1000 && delay <= 2000, String(delay));
  }
});
