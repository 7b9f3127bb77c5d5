/**
 * Money is an integer number of nano-USD (1e-9 USD) held in a bigint, so sums of any size are
 * exact and never drift. Prices are kept finer (see `rate.ts`); amounts are rounded to the
 * nano-dollar once per token class, half away from zero (docs/decisions/0001-money.md).
 */
export type Nanos = bigint;

export const NANOS_PER_USD = 1_000_000_000n;

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal USD string ("0.0000375", "-12", "3.") into nano-USD; more than 9 decimals must be zeros. */
export function parseUsd(text: string): Nanos {
  const trimmed = text.trim();
  const match = DECIMAL.exec(trimmed);
  if (!match) throw new RangeError(`not a decimal USD amount: "${text}" (write it like "0.0025")`);
  const [, sign, whole = '0', fraction = ''] = match;
  const kept = fraction.slice(0, 9).padEnd(9, '0');
  if (/[^0]/.test(fraction.slice(9))) {
    throw new RangeError(`"${text}" has more precision than a nano-dollar (at most 9 decimals)`);
  }
  const nanos = BigInt(whole) * NANOS_PER_USD + BigInt(kept);
  return sign === '-' ? -nanos : nanos;
}

/** Formats nano-USD as a decimal USD string with exactly 9 decimals: 412500n → "0.000412500". */
export function formatUsd(nanos: Nanos): string {
  const negative = nanos < 0n;
  const magnitude = negative ? -nanos : nanos;
  const whole = magnitude / NANOS_PER_USD;
  const fraction = (magnitude % NANOS_PER_USD).toString().padStart(9, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** Like formatUsd but without trailing zeros beyond `minDecimals`: 375000000n → "0.375" (for people, not for data). */
export function formatUsdShort(nanos: Nanos, minDecimals = 2): string {
  const full = formatUsd(nanos);
  const [whole, fraction = ''] = full.split('.');
  let end = fraction.length;
  while (end > minDecimals && fraction[end - 1] === '0') end--;
  return end === 0 ? whole! : `${whole}.${fraction.slice(0, end)}`;
}

/** Exact sum of nano-USD amounts. */
export function sumNanos(amounts: Iterable<Nanos>): Nanos {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}

/**
 * a × b ÷ divisor, rounded to the nearest integer, halves away from zero.
 * The single rounding primitive of the money code.
 */
export function mulDivRound(a: bigint, b: bigint, divisor: bigint): bigint {
  if (divisor === 0n) throw new RangeError('division by zero');
  const product = a * b;
  const negative = (product < 0n) !== (divisor < 0n);
  const p = product < 0n ? -product : product;
  const d = divisor < 0n ? -divisor : divisor;
  const quotient = (p + d / 2n) / d;
  return negative ? -quotient : quotient;
}

/** Converts nano-USD to a float USD number, for display and charts only; never sum the result. */
export function nanosToNumber(nanos: Nanos): number {
  return Number(nanos) / 1e9;
}
