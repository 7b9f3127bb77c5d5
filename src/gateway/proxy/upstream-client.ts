/**
 * HTTP to providers through one keep-alive undici Pool per origin (global fetch tops out near
 * 2.5k req/s here), each exchange dispatched with a light handler (./upstream-call.ts).
 * Timeouts: connect (pool), first byte (headers), total (a timer that cuts the exchange).
 * Provider base URLs come only from configuration, never from a request (SPEC §18).
 */
import { Pool, errors as undiciErrors } from 'undici';
import { CostOpsError } from '../../core/errors/index.ts';
import type { ProviderConfig } from '../config/index.ts';
import type { ClientSignal } from '../http/client-signal.ts';
import { UpstreamCall, type UpstreamBody, type UpstreamHeaders } from './upstream-call.ts';

export type { UpstreamBody, UpstreamHeaders } from './upstream-call.ts';

export interface UpstreamRequest {
  readonly provider: ProviderConfig;
  /** Path relative to the provider's base URL, with query. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Aborted when the client goes away. */
  readonly signal: ClientSignal;
}

export interface UpstreamResponse {
  readonly status: number;
  readonly headers: UpstreamHeaders;
  readonly body: UpstreamBody;
  /** Stops the total-time timer; call when the body is fully read or abandoned. */
  done(): void;
}

export interface UpstreamClient {
  send(request: UpstreamRequest): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

interface Route {
  readonly pool: Pool;
  /** The base URL's path without its trailing slashes, which a request's path is appended to. */
  readonly prefix: string;
}

/** One pool per provider origin, created on first use. */
export function createUpstreamClient(options: { connections?: number } = {}): UpstreamClient {
  const pools = new Map<string, Pool>();
  const routes = new WeakMap<ProviderConfig, Route>();
  const routeFor = (provider: ProviderConfig): Route => {
    let route = routes.get(provider);
    if (route) return route;
    const base = new URL(provider.base_url);
    let pool = pools.get(base.origin);
    if (!pool) {
      pool = new Pool(base.origin, {
        connections: options.connections ?? 128,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        connect: { timeout: provider.timeouts.connect_ms },
      });
      pools.set(base.origin, pool);
    }
    route = { pool, prefix: base.pathname.replace(/\/+$/, '') };
    routes.set(provider, route);
    return route;
  };

  return {
    async send(request) {
      const { pool, prefix } = routeFor(request.provider);
      const timeouts = request.provider.timeouts;
      const call = new UpstreamCall();
      const unsubscribe = request.signal.onAbort(() => call.abort(new Error('client closed the connection')));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        call.abort(new Error('total timeout'));
      }, timeouts.total_ms);
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
      };
      try {
        pool.dispatch(
          {
            method: 'POST',
            path: prefix + request.path,
            headers: request.headers,
            body: request.body,
            headersTimeout: timeouts.first_byte_ms,
            bodyTimeout: timeouts.total_ms,
          },
          call,
        );
        const { status, headers } = await call.head;
        return { status, headers, body: call, done };
      } catch (error) {
        done();
        throw toUpstreamError(error, request.provider, timedOut);
      }
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
      pools.clear();
    },
  };
}

/** Maps transport failures to typed errors: timeouts → 504, everything else → 502. */
export function toUpstreamError(error: unknown, provider: ProviderConfig, timedOut = false): CostOpsError {
  if (error instanceof CostOpsError) return error;
  const timeouts = provider.timeouts;
  if (error instanceof undiciErrors.HeadersTimeoutError) {
    return new CostOpsError('upstream_timeout', `provider "${provider.name}" sent no response within ${timeouts.first_byte_ms} ms (providers[].timeouts.first_byte_ms)`, { cause: error });
  }
  if (error instanceof undiciErrors.ConnectTimeoutError) {
    return new CostOpsError('upstream_timeout', `could not connect to provider "${provider.name}" within ${timeouts.connect_ms} ms (providers[].timeouts.connect_ms)`, { cause: error });
  }
  if (timedOut || error instanceof undiciErrors.BodyTimeoutError) {
    return new CostOpsError('upstream_timeout', `provider "${provider.name}" did not finish within ${timeouts.total_ms} ms (providers[].timeouts.total_ms)`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CostOpsError('upstream_error', `could not reach provider "${provider.name}": ${message}`, { cause: error });
}
