/**
 * Reading token counts off provider JSON. The wire is not trusted to be well formed: a count that
 * is missing, null, negative, fractional or not a number is treated as "not reported", so a
 * converter never turns bad input into NaN, a negative number, or a made-up 0.
 */

/** The count as sent, or undefined when the value is not a usable token count. */
export function readTokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** A part ("of …" field) limited to its whole: the whole is the provider's total, so it wins. */
export function clampToWhole(part: number | undefined, whole: number | undefined): number | undefined {
  if (part === undefined || whole === undefined) return part;
  return Math.min(part, whole);
}

/** Sum of the reported counts; undefined only when none of them was reported. */
export function sumReported(...counts: readonly (number | undefined)[]): number | undefined {
  let total: number | undefined;
  for (const count of counts) {
    if (count !== undefined) total = (total ?? 0) + count;
  }
  return total;
}
