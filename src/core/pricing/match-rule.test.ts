import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileMatchRule, exactNames } from './match-rule.ts';

test('every genai-prices match kind, compared lower-cased', () => {
  const matches = (rule: Parameters<typeof compileMatchRule>[0], name: string) => compileMatchRule(rule)(name);
  assert.ok(matches({ equals: 'GPT-4o' }, 'gpt-4o'));
  assert.ok(!matches({ equals: 'gpt-4o' }, 'gpt-4o-mini'));
  assert.ok(matches({ starts_with: 'claude-3-5-sonnet' }, 'claude-3-5-sonnet-latest'));
  assert.ok(matches({ ends_with: 'claude-opus-5' }, 'publishers/anthropic/models/claude-opus-5'));
  assert.ok(matches({ contains: 'gemini' }, 'models/gemini-2.5-pro'));
  assert.ok(matches({ regex: '^o[134]' }, 'o3-mini'));
  const notTts = { and: [{ starts_with: 'gemini-2.5-pro' }, { regex: '^(?!.*-[tT][tT][sS](?:$|-))' }] } as const;
  assert.ok(matches(notTts, 'gemini-2.5-pro-preview-05-06'));
  assert.ok(!matches(notTts, 'gemini-2.5-pro-preview-tts'));
  assert.ok(matches({ or: [{ equals: 'a' }, { equals: 'b' }] }, 'b'));
  assert.throws(() => compileMatchRule({ nope: 'x' } as never), /unknown match rule/);
});

test('exactNames lists the literal aliases of a rule', () => {
  assert.deepEqual(exactNames({ or: [{ equals: 'gpt-4o' }, { starts_with: 'x' }, { or: [{ equals: 'gpt-4o-2024-08-06' }] }] }), [
    'gpt-4o',
    'gpt-4o-2024-08-06',
  ]);
  assert.deepEqual(exactNames({ regex: '.' }), []);
});
