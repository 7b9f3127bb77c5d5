/** Compares a presented secret with the configured one without leaking, through timing, how much matched. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Hashing first gives both sides the same length, so not even the secret's length leaks. */
export function sameSecret(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
