/** New virtual key material: the plaintext (shown once), its stored hash and its shown prefix. */
import { randomBytes } from 'node:crypto';
import { hashVirtualKey, VIRTUAL_KEY_PREFIX, virtualKeyPrefix } from './hash-virtual-key.ts';

export interface VirtualKeyMaterial {
  /** `co-sk-<43 base64url characters>`: 32 bytes from the OS's CSPRNG. */
  readonly key: string;
  readonly hash: string;
  readonly prefix: string;
}

/** Makes a fresh key. */
export function generateVirtualKey(): VirtualKeyMaterial {
  const key = VIRTUAL_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, hash: hashVirtualKey(key), prefix: virtualKeyPrefix(key) };
}
