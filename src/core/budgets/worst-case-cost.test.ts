import { test } from 'node:test';
import assert from 'node:assert/strict';
import { version, mtok } from '../pricing/__fixtures__/test-catalog.ts';
import { outputCap, worstCaseCost } from './worst-case-cost.ts';

const gpt4o = version({ provider: 'openai', model: 'gpt-4o', effectiveFrom: null, input: mtok(2.5), output: mtok(10), maxOutputTokens: 16_384, contextWindow: 128_000 });

test('the output cap: request, then reserve_output_tokens, then the model maximum, then the context left', () => {
  assert.equal(outputCap({ requested: 198, reserveOutputTokens: 1000, price: gpt4o, inputTokens: 8 }), 198);
  assert.equal(outputCap({ reserveOutputTokens: 1000, price: gpt4o, inputTokens: 8 }), 1000);
  assert.equal(outputCap({ price: gpt4o, inputTokens: 8 }), 16_384);
  assert.equal(outputCap({ requested: 100_000, price: gpt4o, inputTokens: 8 }), 16_384, 'never more than the model can produce');
  assert.equal(outputCap({ price: { contextWindow: 1000 }, inputTokens: 300 }), 700);
  assert.equal(outputCap({ price: {}, inputTokens: 300 }), undefined);
  assert.equal(outputCap({ price: undefined, inputTokens: 300, requested: 50 }), 50);
});

test('worst case = input × input price + cap × output price, exact', () => {
  // 8 × $2.5/M + 198 × $10/M = $0.00002 + $0.00198 = $0.002
  assert.deepEqual(worstCaseCost(gpt4o, 8, 198), { status: 'priced', amount: 2_000_000n, inputTokens: 8, outputTokens: 198, priceId: gpt4o.id });
  assert.equal(worstCaseCost(undefined, 8, 198).status, 'unpriced');
  assert.deepEqual(worstCaseCost(gpt4o, 8, undefined), { status: 'unbounded', inputTokens: 8 });
});
