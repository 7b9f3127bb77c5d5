import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BudgetDefinition } from './budget-definition.ts';
import { decideRefusal } from './decide-refusal.ts';
import { describeRefusal } from './describe-refusal.ts';
import { tightestRemaining } from './remaining.ts';
import { thresholdCrossings } from './threshold-crossings.ts';

const budget = (name: string, action: BudgetDefinition['action'], downgradeTo?: string): BudgetDefinition => ({
  name,
  scope: { user: '*' },
  period: 'day',
  limitUsd: 5_000_000_000n,
  alertAt: [0.5, 0.8, 1],
  action,
  ...(downgradeTo && { downgradeTo }),
  blockStatus: 429,
});

test('refusal: downgrade only when every refusing budget asks for it; block otherwise', () => {
  assert.deepEqual(decideRefusal([budget('d', 'downgrade', 'gpt-4o-mini')], 'gpt-4o'), { kind: 'downgrade', budget: budget('d', 'downgrade', 'gpt-4o-mini'), model: 'gpt-4o-mini' });
  assert.equal(decideRefusal([budget('d', 'downgrade', 'gpt-4o-mini'), budget('b', 'block')], 'gpt-4o').budget.name, 'b');
  assert.equal(decideRefusal([budget('d', 'downgrade', 'gpt-4o-mini')], 'gpt-4o-mini').kind, 'block', 'already on the cheaper model');
  assert.throws(() => decideRefusal([], 'gpt-4o'), RangeError);
});

test('thresholds: each fraction once, when spend moves across it', () => {
  const limit = 10_000n;
  assert.deepEqual(thresholdCrossings([0.5, 0.8, 1], limit, 0n, 4_999n), []);
  assert.deepEqual(thresholdCrossings([0.5, 0.8, 1], limit, 4_999n, 5_000n), [0.5]);
  assert.deepEqual(thresholdCrossings([1, 0.5, 0.8], limit, 4_000n, 12_000n), [0.5, 0.8, 1]);
  assert.deepEqual(thresholdCrossings([0.5], limit, 5_000n, 6_000n), [], 'already past: not again');
  assert.deepEqual(thresholdCrossings([0.5], limit, 6_000n, 6_000n), []);
});

test('the tightest remaining is the smallest limit − spent − reserved', () => {
  assert.equal(tightestRemaining([]), undefined);
  assert.equal(tightestRemaining([{ limit: 100n, spent: 10n, reserved: 5n }, { limit: 50n, spent: 40n, reserved: 0n }]), 10n);
  assert.equal(tightestRemaining([{ limit: 100n, spent: 120n, reserved: 0n }]), -20n);
});

test('a refusal names the budget, its limit and what is left', () => {
  const message = describeRefusal({ budget: budget('per-user-daily', 'block'), scopeKey: 'user=alice', remaining: 1_500_000n, worstCase: 2_000_000n, nextPeriod: new Date('2026-03-05T00:00:00Z') });
  assert.equal(
    message,
    'budget "per-user-daily" (user=alice) has $0.0015 left of its $5.00 limit per day; this request could cost up to $0.002, so it was not sent. Lower max_tokens, raise the limit or wait for the next period (2026-03-05T00:00:00.000Z)',
  );
});
