import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatResetDuration } from './format-reset-duration.ts';

test('OpenAI (Go) duration format', () => {
  const cases: Array<[number, string]> = [
    [0, '0s'],
    [-5, '0s'],
    [0.3, '1ms'],
    [12, '12ms'],
    [999, '999ms'],
    [1000, '1s'],
    [6000, '6s'],
    [8640, '8.64s'],
    [1005, '1.005s'],
    [59_999, '59.999s'],
    [60_000, '1m0s'],
    [90_500, '1m30.5s'],
    [360_000, '6m0s'],
    [3_600_000, '1h0m0s'],
    [3_723_400, '1h2m3.4s'],
  ];
  for (const [ms, text] of cases) assert.equal(formatResetDuration(ms), text, `${ms} ms`);
});
