/**
 * Integers arrive from SQL drivers as bigint (better-sqlite3 with safe integers), number, or
 * string (Postgres int8 and numeric, which SUM() returns). Money goes through `readBigInt`
 * so no amount ever passes through a float.
 */

/** Reads an integer (or an exact integer-valued decimal string) as bigint; null stays null. */
export function readBigInt(value: unknown): bigint | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`expected an exact integer from SQL, got ${value}`);
    return BigInt(value);
  }
  // Postgres sends int8 and SUM() results (numeric, scale 0) as digit strings; BigInt() rejects anything else.
  if (typeof value === 'string') return BigInt(value);
  throw new TypeError(`expected an integer from SQL, got ${typeof value}`);
}

/** Reads a count as a number; throws rather than silently losing precision past 2^53. */
export function readNumber(value: unknown): number | null {
  const integer = readBigInt(value);
  if (integer === null) return null;
  const number = Number(integer);
  if (!Number.isSafeInteger(number)) throw new RangeError(`count ${integer} is beyond exact number range`);
  return number;
}
