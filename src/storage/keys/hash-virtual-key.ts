/**
 * The one-way form a virtual key is stored and looked up by. A plain SHA-256, not bcrypt/scrypt/
 * argon2: those slow hashes exist to protect low-entropy passwords from guessing, but a virtual key
 * is 256 random bits, which no amount of hashing speed makes guessable from its hash. And the
 * lookup runs on every proxied request, where a deliberately slow hash would add milliseconds and
 * CPU per call. Looking the hash up in an index is also timing-safe: how long the lookup takes
 * depends on the hash, and learning bits of a SHA-256 tells an attacker nothing about a key.
 */
import { createHash } from 'node:crypto';

/** Every virtual key starts with this, so it is recognisable in code, configs and secret scanners. */
export const VIRTUAL_KEY_PREFIX = 'co-sk-';

/** `co-sk-` + 43 base64url characters (32 random bytes). */
const VIRTUAL_KEY = /^co-sk-[A-Za-z0-9_-]{43}$/;

/** Characters of the random part shown as the key's prefix (48 of its 256 bits). */
export const SHOWN_RANDOM_CHARACTERS = 8;

/** True when `text` has the shape of a virtual key (says nothing about whether it exists). */
export function isVirtualKeyShaped(text: string): boolean {
  return VIRTUAL_KEY.test(text);
}

/** The hex SHA-256 of a key: what stores keep and look keys up by. */
export function hashVirtualKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The short, non-secret start of a key that lists show (`co-sk-AbCd1234`). */
export function virtualKeyPrefix(key: string): string {
  return key.slice(0, VIRTUAL_KEY_PREFIX.length + SHOWN_RANDOM_CHARACTERS);
}
