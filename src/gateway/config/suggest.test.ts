import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suggest } from './suggest.ts';

test('suggests the closest word within a typo or two, or a word cut short', () => {
  assert.equal(suggest('prot', ['port', 'host']), 'port');
  assert.equal(suggest('hsot', ['port', 'host']), 'host');
  assert.equal(suggest('Budget', ['budgets', 'alerts']), 'budgets');
  assert.equal(suggest('total', ['connect_ms', 'total_ms']), 'total_ms');
  assert.equal(suggest('opnai', ['openai', 'anthropic', 'openai-compatible']), 'openai');
});

test('suggests nothing when nothing is close', () => {
  assert.equal(suggest('tls', ['port', 'host']), undefined);
  assert.equal(suggest('azure', ['openai', 'anthropic', 'gemini', 'openai-compatible']), undefined);
  assert.equal(suggest('x', []), undefined);
});
