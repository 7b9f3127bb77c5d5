/**
 * HTTP to providers through one keep-alive undici Pool per origin (global fetch tops out near
 * 2.5k req/s here). Timeouts: connect (pool), first byte (headers), total (a timer that aborts).
 * Provider base URLs come only from configuration, never from a request (SPEC §18).
 */
import { Pool, errors as undiciErrors } from 'undici';
import type { Readable } from 'node:stream';
import { CostOpsError } from '../../core/errors/index.ts';
import type { ProviderConfig } from '../config/index.ts';

export interface UpstreamRequest {
  readonly provider: ProviderConfig;
  /** Path relative to the provider's base URL, with query. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
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

/** One pool per provider origin, created on first use. */
export function createUpstreamClient(options: { connections?: number } = {}): UpstreamClient {
  const pools = new Map<string, Pool>();
  const poolFor = (provider: ProviderConfig, origin: string) => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: options.connections ?? 128,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        connect: { timeout: provider.timeouts.connect_ms },
      });
      pools.set(origin, pool);
    }
    return pool;
  };

  return {
    async send(request) {
      const base = new URL(request.provider.base_url);
      const pool = poolFor(request.provider, base.origin);
      const path = base.pathname.replace(/\/+$/, '') + request.path;
      const timeouts = request.provider.timeouts;
      const controller = new AbortController();
      const onClientAbort = () => controller.abort(request.signal.reason);
      if (request.signal.aborted) onClientAbort();
      else request.signal.addEventListener('abort', onClientAbort, { once: true });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error('total timeout'));
      }, timeouts.total_ms);
      const done = () => {
        clearTimeout(timer);
        request.signal.removeEventListener('abort', onClientAbort);
      };
      try {
        const response = await pool.request({
          method: 'POST',
          path,
          headers: request.headers,
          body: request.body,
          signal: controller.signal,
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
