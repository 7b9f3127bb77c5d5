import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomText } from './__fixtures__/random-text.ts';
import { chunkByTokens } from './chunk-by-tokens.ts';
import { countText } from './count-text.ts';

test('chunks fit, are exact substrings, and tile the text without gaps', () => {
  for (let seed = 1; seed <= 15; seed++) {
    const text = randomText(seed, 300 + seed * 40);
    for (const maxTokens of [4, 17, 64, 300]) {
      const chunks = chunkByTokens(text, { maxTokens, model: 'gpt-4o' });
      assert.equal(chunks.map((chunk) => chunk.text).join(''), text);
      let end = 0;
      for (const chunk of chunks) {
        assert.equal(chunk.start, end);
        assert.equal(text.slice(chunk.start, chunk.end), chunk.text);
        assert.equal(chunk.tokens, countText(chunk.text, { model: 'gpt-4o' }).tokens);
        assert.ok(chunk.tokens <= maxTokens && chunk.tokens > 0, `seed ${seed}, ${maxTokens}`);
        end = chunk.end;
      }
      assert.equal(end, text.length);
    }
  }
});

test('overlapping chunks repeat the end of the previous chunk and still fit', () => {
  const text = randomText(42, 2000);
  const chunks = chunkByTokens(text, { maxTokens: 100, overlapTokens: 20, model: 'gpt-4o' });
  assert.ok(chunks.length > 5);
  for (let i = 1; i < chunks.length; i++) {
    const previous = chunks[i - 1]!;
    const chunk = chunks[i]!;
    assert.ok(chunk.start < previous.end && chunk.start > previous.start, `chunk ${i} overlaps its predecessor`);
    assert.ok(chunk.tokens <= 100);
    assert.equal(text.slice(chunk.start, chunk.end), chunk.text);
  }
  assert.equal(chunks[0]!.start, 0);
  assert.equal(chunks.at(-1)!.end, text.length);
});

test('estimated models chunk by their estimated count; bad options are refused', () => {
  const text = randomText(5, 600);
  for (const chunk of chunkByTokens(text, { maxTokens: 80, model: 'claude-sonnet-4-5' })) {
    assert.ok(countText(chunk.text, { model: 'claude-sonnet-4-5' }).tokens <= 80);
  }
  assert.deepEqual(chunkByTokens('', { maxTokens: 10 }), []);
  assert.throws(() => chunkByTokens(text, { maxTokens: 0 }), RangeError);
  assert.throws(() => chunkByTokens(text, { maxTokens: 10, overlapTokens: 10 }), RangeError);
  assert.throws(() => chunkByTokens(text, { maxTokens: 2.5 }), RangeError);
});
