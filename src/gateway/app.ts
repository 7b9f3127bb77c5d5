/**
 * The gateway's HTTP app, built from its dependencies (one composition root: server.ts builds the
 * concrete ones). Routes: health, the provider-compatible proxy, the admin API, metrics.
 */
import { Hono } from 'hono';
import type { Config } from './config/index.ts';
import type { Clock, IdempotencyStore, LedgerStore } from '../core/ports/index.ts';
import type { PriceCatalog } from '../core/pricing/index.ts';
import type { Authenticator } from './auth/authenticator.ts';
import type { UpstreamClient } from './proxy/upstream-client.ts';
import { createProviderRegistry } from './proxy/provider-registry.ts';
import { proxyRoutes, type ProxyRoutes } from './routes/proxy-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import type { ProxyObserver } from './proxy/proxy-observer.ts';
import type { BudgetEngine } from './budgets/index.ts';
import type { CounterStore } from '../core/ports/index.ts';
import { createRateLimiter } from './limits/index.ts';
import { RequestLoad } from './proxy/request-load.ts';

export interface GatewayDeps {
  readonly config: Config;
  readonly catalog: PriceCatalog;
  readonly store: LedgerStore;
  readonly upstream: UpstreamClient;
  readonly clock: Clock;
  readonly auth: Authenticator;
  readonly observer?: ProxyObserver;
  /** Idempotency-Key claims and stored responses (SPEC §7); without it the header is not honoured. */
  readonly idempotency?: IdempotencyStore;
  /** Budget enforcement (SPEC §8); without it no budget applies. */
  readonly budgets?: BudgetEngine;
  /** Rate-limit counters (memory now, Redis later); needed when config has `rate_limits`. */
  readonly counters?: CounterStore;
  /** Extra routes mounted at the root (admin API, metrics, dashboard). */
  readonly extraRoutes?: readonly Hono[];
}

export interface GatewayApp {
  /** Every route (health, extra routes, the proxy), for @hono/node-server and `app.request` in tests. */
  readonly app: Hono;
  /** The proxy's busiest routes straight from Node, tried first (see routes/proxy-routes.ts). */
  readonly serveNode: ProxyRoutes['serveNode'];
}

export function createApp(deps: GatewayDeps): GatewayApp {
  const app = new Hono();
  const secrets = collectSecrets(deps.config);
  const rules = deps.config.rate_limits;
  const limits =
    rules.length > 0 && deps.counters
      ? { limiter: createRateLimiter({ rules, store: deps.counters, clock: deps.clock }), countsTokens: rules.some((rule) => rule.tpm !== undefined) }
      : undefined;
  app.route('/', healthRoutes(deps.store));
  for (const routes of deps.extraRoutes ?? []) app.route('/', routes);
  const proxy = proxyRoutes({
      store: deps.store,
      catalog: deps.catalog,
      registry: createProviderRegistry(deps.config, deps.catalog),
      upstream: deps.upstream,
      clock: deps.clock,
      secrets,
      auth: deps.auth,
      bodyLimitBytes: deps.config.server.body_limit_bytes,
      ...(deps.observer && { observer: deps.observer }),
      ...(deps.idempotency && { idempotency: deps.idempotency }),
      ...(deps.budgets && { budgets: deps.budgets }),
      ...(limits && { limits }),
      load: new RequestLoad(),
  });
  app.route('/', proxy.app);
  return { app, serveNode: proxy.serveNode };
}

/** Every configured secret, so upstream error bodies that echo one can be redacted. */
function collectSecrets(config: Config): string[] {
  const secrets: string[] = [];
  for (const provider of config.providers) if (provider.api_key) secrets.push(provider.api_key);
  if (config.auth.admin_key) secrets.push(config.auth.admin_key);
  return secrets;
}
