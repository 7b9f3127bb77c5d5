/**
 * HTTP to providers through one keep-alive undici Pool per origin (global fetch tops out near
 * 2.5k req/s here). Timeouts: connect (pool), first byte (headers), total (a timer that aborts).
 * Provider base URLs come only from configuration, never from a request (SPEC §18).
 */
import { EventEmitter } from 'node:events';
import { Pool, errors as undiciErrors } from 'undici';
import type { Readable } from 'node:stream';
import { CostOpsError } from '../../core/errors/index.ts';
import type { ProviderConfig } from '../config/index.ts';
import type { ClientSignal } from '../http/client-signal.ts';

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
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Readable;
  /** Stops the total-time timer; call when the body is fully read or abandoned. */
  done(): void;
}

export interface UpstreamClient {
  send(request: UpstreamRequest): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

/**
 * What undici takes as a request's `signal`: an EventEmitter with `aborted` and `reason` serves as
 * well as an AbortSignal, for a fraction of an EventTarget's cost per request.
 */
class UpstreamAbort extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: Error): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
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
      const abort = new UpstreamAbort();
      const unsubscribe = request.signal.onAbort(() => abort.abort(new Error('client closed the connection')));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        abort.abort(new Error('total timeout'));
      }, timeouts.total_ms);
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
      };
      try {
        const response = await pool.request({
          method: 'POST',
          path: prefix + request.path,
          headers: request.headers,
          body: request.body,
          signal: abort,
          headersTimeout: timeouts.first_byte_ms,
          bodyTimeout: timeouts.total_ms,
        });
        return { status: response.statusCode, headers: response.headers, body: response.body, done };
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
