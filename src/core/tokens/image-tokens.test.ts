import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countPatches, countTiles, imageTokens } from './image-tokens.ts';
import { FALLBACK_VISION_RULE, visionRule } from './vision-rules.ts';

// Worked examples from OpenAI's "Images and vision" guide, "Calculating costs".
test('tile rule: the guide worked examples for gpt-4o', () => {
  const rule = visionRule('gpt-4o')!;
  assert.deepEqual(imageTokens({ width: 1024, height: 1024 }, 'high', rule), { tokens: 765, exact: true });
  assert.deepEqual(imageTokens({ width: 2048, height: 4096 }, 'high', rule), { tokens: 1105, exact: true });
  assert.deepEqual(imageTokens({ width: 4096, height: 8192 }, 'low', rule), { tokens: 85, exact: true });
  assert.equal(imageTokens({ width: 2048, height: 4096 }, 'auto', rule).tokens, 1105); // auto = high when the size is known
});

test('tile rule never enlarges a small image', () => {
  assert.equal(countTiles({ width: 512, height: 512 }), 1);
  assert.equal(countTiles({ width: 128, height: 64 }), 1); // 85 + 170 = 255, as the API bills it
  assert.equal(countTiles({ width: 513, height: 200 }), 2);
  assert.equal(countTiles({ width: 768, height: 2048 }), 8);
});

test('tile rule: unknown size costs the 8-tile worst case, and no image can cost more', () => {
  const rule = visionRule('gpt-4o')!;
  assert.deepEqual(imageTokens(undefined, 'low', rule), { tokens: 85, exact: true });
  const unknown = imageTokens(undefined, 'auto', rule);
  assert.equal(unknown.tokens, 85 + 8 * 170);
  assert.equal(unknown.exact, false);
  for (let width = 1; width <= 9000; width += 97) {
    for (let height = 1; height <= 9000; height += 89) assert.ok(countTiles({ width, height }) <= 8, `${width}×${height}`);
  }
});

test('tile constants per family, from the guide table', () => {
  const high = (model: string) => imageTokens({ width: 1024, height: 1024 }, 'high', visionRule(model)!).tokens;
  assert.equal(high('gpt-4o-mini'), 2833 + 4 * 5667);
  assert.equal(high('gpt-4.1-2025-04-14'), 765);
  assert.equal(high('o1'), 75 + 4 * 150);
  assert.equal(high('gpt-5'), 70 + 4 * 140);
  assert.equal(high('computer-use-preview'), 65 + 4 * 129);
});

test('patch rule: the guide worked examples (1,536-patch budget)', () => {
  const limits = { budget: 1536, maxDimension: 2048 };
  assert.equal(countPatches({ width: 1024, height: 1024 }, limits), 1024);
  assert.equal(countPatches({ width: 1800, height: 2400 }, limits), 1452);
  assert.equal(imageTokens({ width: 1800, height: 2400 }, 'high', visionRule('gpt-4.1-mini')!).tokens, Math.round(1452 * 1.62));
  assert.equal(imageTokens({ width: 1024, height: 1024 }, 'high', visionRule('o4-mini-2025-04-16')!).tokens, Math.round(1024 * 1.72));
  assert.equal(imageTokens({ width: 1024, height: 1024 }, 'high', visionRule('gpt-5-nano')!).tokens, Math.round(1024 * 2.46));
});

test('patch rule stays within budget for any size', () => {
  const limits = { budget: 1536, maxDimension: 2048 };
  for (let width = 1; width <= 7000; width += 131) {
    for (let height = 1; height <= 7000; height += 127) assert.ok(countPatches({ width, height }, limits) <= 1536, `${width}×${height}`);
  }
});

test('patch rule: detail original on models that have it, and unknown sizes', () => {
  const size = { width: 4000, height: 3000 };
  assert.equal(imageTokens(size, 'high', visionRule('gpt-5.5')!).tokens, countPatches(size, { budget: 2500, maxDimension: 2048 }));
  assert.equal(imageTokens(size, 'original', visionRule('gpt-5.5')!).tokens, countPatches(size, { budget: 10_000, maxDimension: 6000 }));
  assert.equal(imageTokens(size, 'auto', visionRule('gpt-5.5')!).tokens, countPatches(size, { budget: 10_000, maxDimension: 6000 }));
  assert.equal(imageTokens(size, 'auto', visionRule('gpt-5.4')!).tokens, countPatches(size, { budget: 2500, maxDimension: 2048 }));
  const unknown = imageTokens(undefined, 'high', visionRule('gpt-4.1-nano')!);
  assert.equal(unknown.tokens, Math.round(1536 * 2.46));
  assert.equal(unknown.exact, false);
});

test('models without a documented rule have none; callers fall back to gpt-4o', () => {
  assert.equal(visionRule('gpt-3.5-turbo'), undefined);
  assert.equal(visionRule('claude-sonnet-4-5'), undefined);
  assert.deepEqual(FALLBACK_VISION_RULE, visionRule('gpt-4o'));
});
