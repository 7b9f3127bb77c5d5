/**
 * Schemas for the kinds of value a config holds (counts, flags, names, URLs, money), shared by
 * every section so the same mistake gets the same message wherever it is made.
 */
import { z } from 'zod';
import { formatRate, formatUsdShort, parseRate, parseUsd } from '../../core/money/index.ts';
import { describeValue } from './describe-value.ts';
import { suggest } from './suggest.ts';

// `${VAR}` always interpolates to text, so numbers and flags also accept their written form.
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;

function numberFromText(value: unknown): unknown {
  return typeof value === 'string' && NUMBER_TEXT.test(value.trim()) ? Number(value.trim()) : value;
}

function booleanFromText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const lowered = value.trim().toLowerCase();
  return lowered === 'true' ? true : lowered === 'false' ? false : value;
}

/** A whole number within bounds (ports, milliseconds, bytes, token counts). */
export function wholeNumber(bounds: { min?: number; max?: number } = {}) {
  let schema = z.number().int();
  if (bounds.min !== undefined) schema = schema.min(bounds.min);
  if (bounds.max !== undefined) schema = schema.max(bounds.max);
  return z.preprocess(numberFromText, schema);
}

/** A share of something: greater than 0, at most 1 (budget alert thresholds, similarity). */
export function fraction() {
  return z.preprocess(numberFromText, z.number().gt(0).lte(1));
}

/** A number greater than 0 (percentages, which may exceed 100 for growth anomalies). */
export function positiveNumber() {
  return z.preprocess(numberFromText, z.number().gt(0));
}

/** true or false. */
export function flag() {
  return z.preprocess(booleanFromText, z.boolean());
}

/** Non-empty text, trimmed (model names, scope values). */
export function text() {
  return z.string().trim().min(1, { error: 'must not be empty' });
}

/** A credential. Its value is never quoted back in an error, so a typo does not leak it. */
export function secret() {
  return z
    .string({ error: (issue) => (issue.input === undefined ? undefined : 'must be text — put the value in quotes') })
    .min(1, { error: 'must not be empty' });
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A name that other config entries and admin API URLs refer to (providers, budgets, alerts, rules). */
export function name() {
  return z
    .string()
    .max(64, { error: 'must be at most 64 characters' })
    .regex(NAME, {
      error: (issue) =>
        `must start with a letter or digit and use only letters, digits, ".", "_" or "-" (got ${describeValue(issue.input)})`,
    });
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

/** An absolute http:// or https:// URL; `example` shows the user what one looks like here. */
export function httpUrl(example: string) {
  return z
    .string()
    .trim()
    .refine(isHttpUrl, {
      error: (issue) => `must be an http:// or https:// URL such as "${example}" (got ${describeValue(issue.input)})`,
    });
}

/** JS numbers are read through their shortest round-trip form, written out without an exponent. */
function plainDecimal(value: number): string {
  const written = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(written);
  if (!match) return written;
  const [, sign = '', whole = '', fractional = '', exponent = '0'] = match;
  const digits = whole + fractional;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A decimal written as a YAML number or a string, checked and normalized by `parse`, which
 * returns the canonical decimal string or undefined when the value is not acceptable.
 */
function decimal(parse: (text: string) => string | undefined, expected: string) {
  const message = (input: unknown) => `must be ${expected} (got ${describeValue(input)})`;
  return z
    .union([z.number(), z.string()], { error: (issue) => (issue.input === undefined ? undefined : message(issue.input)) })
    .transform((value, context) => {
      const canonical = parse(typeof value === 'number' ? plainDecimal(value) : value.trim());
      if (canonical === undefined) {
        context.addIssue({ code: 'custom', input: value, message: message(value) });
        return z.NEVER;
      }
      return canonical;
    });
}

/**
 * An amount of money in USD: non-negative, at most 9 decimals (one nano-dollar), kept as an exact
 * decimal string such as "100" or "0.25" — never a float that later sums drift on.
 */
export function usdAmount() {
  return decimal((written) => {
    try {
      const nanos = parseUsd(written);
      return nanos < 0n ? undefined : formatUsdShort(nanos, 0);
    } catch {
      return undefined;
    }
  }, 'a non-negative USD amount with at most 9 decimals, such as 100 or "0.25"');
}

/** A price in USD per 1M tokens, non-negative and exact, kept as a decimal string such as "0.075". */
export function pricePerMillion() {
  return decimal((written) => {
    try {
      return formatRate(parseRate(written, 1_000_000));
    } catch {
      return undefined;
    }
  }, 'a non-negative price in USD per 1M tokens, such as 2.5 or "0.075"');
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name, checked against the runtime's time zone database. */
export function timeZone() {
  return z
    .string()
    .trim()
    .refine(isTimeZone, {
      error: (issue) => {
        const written = String(issue.input);
        const hint = suggest(written, [...Intl.supportedValuesOf('timeZone'), 'UTC']);
        const fix = hint === undefined ? 'use an IANA name such as "Europe/Paris" or "UTC"' : `did you mean "${hint}"?`;
        return `unknown time zone ${describeValue(issue.input)} — ${fix}`;
      },
    });
}

/** One of a few allowed numbers, such as the HTTP status a budget block answers with. */
export function numberChoice<const Value extends number>(values: readonly Value[]) {
  return z.preprocess(numberFromText, z.literal(values));
}
