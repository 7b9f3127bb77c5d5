import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learnFactor } from './learn-factor.ts';

test('the factor is the ratio of sums, so long prompts weigh more', () => {
  const learned = learnFactor([
    { estimated: 100, reported: 150 }, // 1.5 on a short prompt
    { estimated: 10_000, reported: 11_000 }, // 1.1 on a long one
  ]);
  assert.equal(learned.factor, Math.round((11_150 / 10_100) * 1e4) / 1e4);
  assert.equal(learned.sampleCount, 2);
});

test('a perfect proportional sample set has no error', () => {
  const learned = learnFactor([100, 250, 1000, 4000].map((estimated) => ({ estimated, reported: estimated * 1.2 })));
  assert.equal(learned.factor, 1.2);
  assert.equal(learned.expectedErrorPct, 0);
  assert.equal(learned.meanAbsErrorPct, 0);
  assert.equal(learned.factorStdErrorPct, 0);
});

test('the expected error is the 90th percentile of per-request error', () => {
  // 10 samples: nine exact at 1.0, one 20% over the truth
  const samples = [...Array.from({ length: 9 }, () => ({ estimated: 1000, reported: 1000 })), { estimated: 1000, reported: 1250 }];
  const learned = learnFactor(samples);
  assert.equal(learned.factor, 1.025);
  // factor 1.025: nine samples are 2.5% over, one is 18% under
  assert.equal(learned.expectedErrorPct, 2.5);
  assert.equal(learned.meanAbsErrorPct, Math.round(((9 * 0.025 + 0.18) / 10) * 1000) / 10);
  assert.ok(learned.factorStdErrorPct > 0);
  assert.match(learned.basis, /10 ledger samples/);
});

test('invalid samples are skipped; none valid is an error', () => {
  assert.equal(learnFactor([{ estimated: 0, reported: 5 }, { estimated: 10, reported: Number.NaN }, { estimated: 10, reported: 12 }]).sampleCount, 1);
  assert.equal(learnFactor([{ estimated: 10, reported: 12 }]).factorStdErrorPct, Number.POSITIVE_INFINITY);
  assert.throws(() => learnFactor([]), RangeError);
  assert.throws(() => learnFactor([{ estimated: -1, reported: 1 }]), /at least one sample/);
});
