/**
 * A rate is a price per unit quantity held exactly: nano-USD per `per` units, as an integer
 * numerator scaled by RATE_SCALE so that catalog prices like $0.0028 per 1M tokens stay exact.
 * `nanosPerPerScaled = usdPerPer × 1e9 × RATE_SCALE`.
 */
import { mulDivRound, type Nanos } from './money.ts';

/** Extra decimal places kept below the nano-dollar in a rate's numerator. */
export const RATE_SCALE = 1_000n;

export interface Rate {
  /** nano-USD × RATE_SCALE charged for every `per` units. */
  readonly scaled: bigint;
  /** The unit count the price is quoted for (1_000_000 for "per 1M tokens", 1_000 for "per 1k requests"). */
  readonly per: bigint;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/**
 * Parses a non-negative USD price quoted per `per` units from a decimal string or a JS number
 * (numbers are read through their shortest round-trip decimal form, so 0.075 means exactly 0.075).
 */
export function parseRate(usd: string | number, per: number | bigint): Rate {
  const text = typeof usd === 'number' ? numberToDecimal(usd) : usd.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`not a non-negative decimal price: "${String(usd)}"`);
  const [, whole = '0', fraction = '', exponentText = '0'] = match;
  const digits = BigInt(whole + fraction);
  // value = digits × 10^(exponent − fraction.length); scaled = value × 1e9 × RATE_SCALE = value × 1e12
  const shift = Number(exponentText) - fraction.length + 12;
  let scaled: bigint;
  if (shift >= 0) scaled = digits * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    if (digits % divisor !== 0n) throw new RangeError(`price ${String(usd)} is finer than 1e-12 USD per unit quoted`);
    scaled = digits / divisor;
  }
  return { scaled, per: BigInt(per) };
}

function numberToDecimal(value: number): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`not a non-negative finite price: ${value}`);
  return String(value);
}

/** Cost of `quantity` units at `rate`, rounded to the nano-dollar (halves away from zero). */
export function applyRate(quantity: number | bigint, rate: Rate): Nanos {
  return mulDivRound(BigInt(quantity), rate.scaled, rate.per * RATE_SCALE);
}

/** The rate as a decimal USD string per its quoted unit count, without trailing zeros: "2.5", "0.075". */
export function formatRate(rate: Rate): string {
  const scale = 10n ** 12n;
  const whole = rate.scaled / scale;
  const fraction = (rate.scaled % scale).toString().padStart(12, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/** Multiplies a rate by an exact decimal factor such as "0.5" (batch discount) or "2" (1-h cache write). */
export function scaleRate(rate: Rate, factor: string): Rate {
  const [whole = '0', fraction = ''] = factor.split('.');
  const denominator = 10n ** BigInt(fraction.length);
  const numerator = BigInt(whole + fraction);
  return { scaled: mulDivRound(rate.scaled, numerator, denominator), per: rate.per };
}

/** Equality of two rates as prices per unit (1.5 per 1M == 0.0015 per 1k). */
export function sameRate(a: Rate, b: Rate): boolean {
  return a.scaled * b.per === b.scaled * a.per;
}
