/**
 * Who may use the admin API (SPEC §4, §18). With `auth.mode: keys`, the admin key is required
 * (`Authorization: Bearer <admin_key>`), else 401. With `auth.mode: off` there is no key to ask
 * for, so the API answers only callers on the same machine (loopback), else 403: an open gateway
 * must not hand its whole ledger to the network.
 */
import type { MiddlewareHandler } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { CostOpsError } from '../../core/errors/index.ts';
import { errorResponse } from '../http/error-body.ts';
import { FULL_ACCESS, type AdminAccess, type AdminKeyResolver } from './admin-access.ts';
import { isLoopbackAddress } from './is-loopback-address.ts';
import { sameSecret } from './same-secret.ts';

export interface AdminAuthOptions {
  readonly mode: 'off' | 'keys';
  /** Required with mode `keys` (the config schema enforces it). */
  readonly adminKey?: string | undefined;
  /** Other keys (tenant-scoped viewer keys), asked when the presented key is not the admin key. */
  readonly otherKeys?: AdminKeyResolver;
}

export type AdminEnv = { Bindings: Partial<HttpBindings>; Variables: { adminAccess: AdminAccess } };

/** Middleware that admits a caller and records what it may see in `c.var.adminAccess`. */
export function adminAuth(options: AdminAuthOptions): MiddlewareHandler<AdminEnv> {
  if (options.mode === 'keys' && !options.adminKey) throw new Error('admin auth with mode "keys" needs an admin key');
  return async (c, next) => {
    const access = options.mode === 'keys' ? await byKey(c.req.header('authorization'), options) : byAddress(c.env?.incoming?.socket?.remoteAddress);
    if (access instanceof CostOpsError) {
      const challenge: Record<string, string> = access.code === 'unauthorized' ? { 'www-authenticate': 'Bearer realm="costops admin"' } : {};
      return errorResponse(access, 'openai', challenge);
    }
    c.set('adminAccess', access);
    await next();
  };
}

async function byKey(authorization: string | undefined, options: AdminAuthOptions): Promise<AdminAccess | CostOpsError> {
  const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (key === undefined) {
    return new CostOpsError('unauthorized', 'missing admin key: send "Authorization: Bearer <admin key>" (the auth.admin_key of the gateway config)');
  }
  if (sameSecret(key, options.adminKey!)) return FULL_ACCESS;
  const other = await options.otherKeys?.resolve(key);
  return other ?? new CostOpsError('unauthorized', 'invalid admin key: use the auth.admin_key of the gateway config');
}

function byAddress(remoteAddress: string | undefined): AdminAccess | CostOpsError {
  if (isLoopbackAddress(remoteAddress)) return FULL_ACCESS;
  return new CostOpsError(
    'forbidden',
    'the admin API answers only on this machine (loopback) while auth.mode is "off": set auth.mode: keys and an admin_key to use it from elsewhere',
  );
}
