/** What the provider-compatible routes need: the proxy's dependencies, auth and the body limit. */
import type { IdempotencyStore } from '../../core/ports/index.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import type { ProxyDeps } from '../proxy/forward.ts';

export interface ProxyRouteDeps extends ProxyDeps {
  readonly auth: Authenticator;
  readonly bodyLimitBytes: number;
  /** Where Idempotency-Key claims and responses live; without it the header is validated, then ignored. */
  readonly idempotency?: IdempotencyStore;
}
