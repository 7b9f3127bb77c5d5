/**
 * Who is calling: a virtual key (`Authorization: Bearer …` or `x-api-key`) resolved to its tenant,
 * or, with `auth.mode: off`, everyone is the `default` tenant.
 */
import { CostOpsError } from '../../core/errors/index.ts';
import type { Identity } from '../proxy/forward.ts';
import type { RequestHeaders } from '../http/request-headers.ts';

/** Who a key speaks for, with the attribution defaults it carries (headers override them). */
export type KeyIdentity = Identity & { user?: string | null; project?: string | null; feature?: string | null };

/**
 * Looks up a presented virtual key; undefined when unknown or revoked. The gateway asks on every
 * request and does not cache the answer, so a revocation applies to the next request.
 */
export interface KeyResolver {
  resolve(presentedKey: string): Promise<KeyIdentity | undefined>;
}

export interface Authenticator {
  authenticate(headers: RequestHeaders): Promise<KeyIdentity>;
}

export const DEFAULT_TENANT = 'default';

/** The presented key: the bearer token, else the x-api-key header (the Anthropic SDK sends either). */
export function presentedKey(headers: RequestHeaders): string | undefined {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1]!.trim();
  }
  return headers.get('x-api-key')?.trim() || headers.get('x-goog-api-key')?.trim() || undefined;
}

export function createAuthenticator(options: { mode: 'off' | 'keys'; keys?: KeyResolver }): Authenticator {
  if (options.mode === 'off') return { authenticate: async () => ({ tenant: DEFAULT_TENANT, keyId: null }) };
  const keys = options.keys;
  if (!keys) throw new Error('auth.mode keys needs a key store');
  return {
    async authenticate(headers) {
      const key = presentedKey(headers);
      if (!key) throw new CostOpsError('unauthorized', 'missing API key: send your costops virtual key as "Authorization: Bearer <key>" (create one with `costops keys create`)');
      const identity = await keys.resolve(key);
      if (!identity) throw new CostOpsError('unauthorized', 'invalid or revoked API key: create a new one with `costops keys create`');
      return identity;
    },
  };
}
