import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatUsd, formatUsdShort, mulDivRound, parseUsd, sumNanos } from './money.ts';
import { applyRate, formatRate, parseRate, sameRate, scaleRate } from './rate.ts';

test('10,000 × $0.0000375 sums to exactly $0.375', () => {
  const each = parseUsd('0.0000375');
  assert.equal(each, 37_500n);
  const total = sumNanos(Array.from({ length: 10_000 }, () => each));
  assert.equal(total, 375_000_000n);
  assert.equal(formatUsd(total), '0.375000000');
  assert.equal(formatUsdShort(total), '0.375');
  // the float way drifts: the reason money is never a float
  let float = 0;
  for (let i = 0; i < 10_000; i++) float += 0.0000375;
  assert.notEqual(float, 0.375);
});

test('parseUsd and formatUsd round-trip and reject bad input', () => {
  assert.equal(parseUsd('12'), 12_000_000_000n);
  assert.equal(parseUsd('-0.5'), -500_000_000n);
  assert.equal(parseUsd('0.000000001'), 1n);
  assert.equal(parseUsd('1.2500000000'), 1_250_000_000n);
  assert.equal(formatUsd(-1n), '-0.000000001');
  assert.equal(formatUsd(412_500n), '0.000412500');
  assert.throws(() => parseUsd('1e-3'), /not a decimal USD amount/);
  assert.throws(() => parseUsd('0.0000000001'), /more precision than a nano-dollar/);
  assert.throws(() => parseUsd('abc'), /not a decimal USD amount/);
});

test('mulDivRound rounds halves away from zero', () => {
  assert.equal(mulDivRound(1n, 5n, 10n), 1n); // 0.5 → 1
  assert.equal(mulDivRound(1n, 4n, 10n), 0n); // 0.4 → 0
  assert.equal(mulDivRound(-1n, 5n, 10n), -1n); // −0.5 → −1
  assert.equal(mulDivRound(3n, 5n, 10n), 2n); // 1.5 → 2
  assert.throws(() => mulDivRound(1n, 1n, 0n), RangeError);
});

test('rates keep sub-nano prices exact', () => {
  const gpt4o = parseRate(2.5, 1_000_000);
  assert.equal(applyRate(1000, gpt4o), 2_500_000n); // $0.0025
  const cheap = parseRate('0.0028', 1_000_000); // $0.0028 per 1M tokens
  assert.equal(applyRate(1_000_000, cheap), 2_800_000n);
  assert.equal(applyRate(1, cheap), 3n); // 2.8 nano
  const tiny = parseRate('0.0004', 1_000_000); // 0.4 nano per token
  assert.equal(applyRate(1, tiny), 0n);
  assert.equal(applyRate(2, tiny), 1n); // 0.8 → 1
  assert.equal(applyRate(1_000_000, tiny), 400_000n);
  assert.equal(formatRate(parseRate(0.075, 1e6)), '0.075');
  assert.equal(formatRate(parseRate('1.25e-7', 1)), '0.000000125');
  assert.ok(sameRate(parseRate('1.5', 1_000_000), parseRate('0.0015', 1000)));
  assert.equal(formatRate(scaleRate(parseRate(2.5, 1e6), '0.5')), '1.25');
  assert.throws(() => parseRate(-1, 1), /non-negative/);
  assert.throws(() => parseRate('1e-13', 1), /finer than/);
});
