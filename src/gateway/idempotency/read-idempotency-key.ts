/**
 * The client's `Idempotency-Key` header (the name Stripe, OpenAI's SDK family and the IETF draft
 * use), validated: 1–255 printable ASCII characters. The value is stored and echoed in errors, so
 * control characters and unbounded lengths are refused with a 400 that says what is wrong.
 */
import { CostOpsError } from '../../core/errors/index.ts';
import type { RequestHeaders } from '../http/request-headers.ts';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const MAX_LENGTH = 255;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** The key, or undefined when the request has none; throws `invalid_header` for a bad one. */
export function readIdempotencyKey(headers: RequestHeaders): string | undefined {
  const value = headers.get(IDEMPOTENCY_KEY_HEADER);
  if (value === null) return undefined;
  // Headers already trims surrounding whitespace, so an empty value was empty or blank as sent.
  if (value.length === 0) throw new CostOpsError('invalid_header', 'Idempotency-Key is empty: send 1 to 255 printable characters (a UUID is typical), or leave the header out');
  if (value.length > MAX_LENGTH) {
    throw new CostOpsError('invalid_header', `Idempotency-Key is ${value.length} characters long; the limit is ${MAX_LENGTH} (a UUID is typical)`);
  }
  if (!PRINTABLE_ASCII.test(value)) throw new CostOpsError('invalid_header', 'Idempotency-Key may contain only printable ASCII characters (a UUID is typical)');
  return value;
}
