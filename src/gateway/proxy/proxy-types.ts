/** The proxy's dependencies and the shape of one request handed to it. */
import type { ServerResponse } from 'node:http';
import type { ClientSignal } from '../http/client-signal.ts';
import type { Clock, LedgerStore } from '../../core/ports/index.ts';
import type { PriceCatalog } from '../../core/pricing/index.ts';
import type { Attribution } from '../http/attribution.ts';
import type { ApiFormat, JsonObject, RouteParams } from './formats/api-format.ts';
import type { ProviderRegistry } from './provider-registry.ts';
import type { UpstreamClient } from './upstream-client.ts';
import type { ProxyObserver } from './proxy-observer.ts';
import type { BudgetEngine } from '../budgets/index.ts';
import type { RateLimiter } from '../limits/index.ts';
import type { RequestHeaders } from '../http/request-headers.ts';
import type { RequestLoad } from './request-load.ts';

export interface ProxyDeps {
  readonly store: LedgerStore;
  readonly catalog: PriceCatalog;
  readonly registry: ProviderRegistry;
  readonly upstream: UpstreamClient;
  readonly clock: Clock;
  /** Configured secrets, redacted from anything upstream echoes back. */
  readonly secrets: readonly string[];
  readonly observer?: ProxyObserver;
  /** Budget enforcement (SPEC §8); without it no budget applies. */
  readonly budgets?: BudgetEngine;
  /** Client-side rate limits (SPEC §9); `countsTokens` when a tpm rule exists. */
  readonly limits?: { readonly limiter: RateLimiter; readonly countsTokens: boolean };
  /** Requests in flight, counted by the routes; without it the gateway never counts as busy (streams are never held). */
  readonly load?: RequestLoad;
}

export interface Identity {
  readonly tenant: string;
  readonly keyId: string | null;
}

export interface ProxyRequest {
  readonly format: ApiFormat;
  readonly params: RouteParams;
  readonly body: JsonObject;
  readonly bodyBytes: number;
  /** The body as the client sent it: sent upstream as is when the proxy changes nothing in it. */
  readonly bodyText?: string | undefined;
  readonly headers: RequestHeaders;
  /** Aborted when the client disconnects. */
  readonly signal: ClientSignal;
  /**
   * The Node response, when the proxy may write a stream to it directly (not for an idempotent
   * request: its response must be a web Response, copied for replays).
   */
  readonly outgoing?: ServerResponse | undefined;
  readonly identity: Identity;
  readonly attribution: Attribution;
  /** SHA-256 hex of route and raw body (the ledger's `request_hash`, for duplicate detection). */
  readonly requestHash?: string;
}

