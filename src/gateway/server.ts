/**
 * The composition root: builds the concrete store, catalog, upstream client and auth from config,
 * starts the HTTP server, and shuts down gracefully (stop accepting, let in-flight requests finish
 * within the grace period, then flush and close the ledger).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { getRequestListener, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { loadCatalog } from '../catalog/index.ts';
import type { BudgetStore, Clock, IdempotencyStore, KeyStore, LedgerStore } from '../core/ports/index.ts';
import { CostOpsError } from '../core/errors/index.ts';
import { openBudgetStore, openIdempotencyStore, openKeyStore, openSqliteLedgerStore } from '../storage/index.ts';
import { createApp, type GatewayApp } from './app.ts';
import { createAuthenticator, type KeyResolver } from './auth/authenticator.ts';
import type { Config } from './config/index.ts';
import { createUpstreamClient } from './proxy/upstream-client.ts';
import type { ProxyObserver } from './proxy/proxy-observer.ts';
import { adminRoutes } from './admin/index.ts';
import { createGatewayMetrics, metricsObserver, metricsRoutes } from './metrics/index.ts';
import { claimLeaseMs } from './idempotency/index.ts';
import { createMemoryCounterStore, openAlertHistoryStore } from '../storage/index.ts';
import { alertRoutes, createAlertEngine, type AlertDeliveryOptions, type AlertEngine } from './alerts/index.ts';
import { budgetRecordInput, budgetRoutes, createBudgetEngine, type BudgetThresholdHook } from './budgets/index.ts';

export interface StartGatewayOptions {
  readonly config: Config;
  /** Overrides config.server.port (0 = any free port). */
  readonly port?: number;
  readonly clock?: Clock;
  /** Directory relative storage paths resolve against (default: the process's cwd). */
  readonly cwd?: string;
  /** Resolves virtual keys (tests); by default, with auth.mode keys, the key store in storage.url. */
  readonly keys?: KeyResolver;
  /** Idempotency-Key store (tests); by default the one in storage.url. A store passed here is not closed by the gateway. */
  readonly idempotency?: IdempotencyStore;
  readonly observer?: ProxyObserver;
  /** Alert delivery timing (tests shorten the per-attempt timeout and backoff). */
  readonly alertDelivery?: AlertDeliveryOptions;
  /** Budget store (tests); by default the one in storage.url. A store passed here is not closed by the gateway. */
  readonly budgets?: BudgetStore;
  /** Hears every budget threshold crossing, besides the alerts engine. */
  readonly onBudgetThreshold?: BudgetThresholdHook;
  readonly extraRoutes?: (store: LedgerStore) => Hono[];
}

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  readonly store: LedgerStore;
  /** Rows left `started` by a previous process, settled as unknown_outcome at start. */
  readonly recovered: number;
  /** Alerting (SPEC §13); the budget engine reports threshold crossings to `alerts.budgetThresholdCrossed`. */
  readonly alerts: AlertEngine;
  /** Budget definitions, counters and reservations (SPEC §8). */
  readonly budgets: BudgetStore;
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const cwd = options.cwd ?? process.cwd();
  const store = await openStore(config.storage.url, cwd);
  const recovered = await store.recoverStarted(clock.now());
  // Opened after the ledger, whose migrations create the keys table, so the two never migrate at once.
  const keyStore: KeyStore | undefined =
    config.auth.mode === 'keys' && !options.keys ? await openKeyStore({ url: config.storage.url, cwd, clock }) : undefined;
  const keys = options.keys ?? keyStore;
  // Also after the ledger (same reason); closed before it.
  const ownIdempotency = options.idempotency ? undefined : await openIdempotencyStore({ url: config.storage.url, cwd, leaseMs: claimLeaseMs(config) });
  const idempotency = options.idempotency ?? ownIdempotency;
  // Also after the ledger (same reason); closed before it.
  const alertHistory = await openAlertHistoryStore({ url: config.storage.url, cwd });
  const alerts = createAlertEngine({ config, clock, history: alertHistory, ledger: store, ...(options.alertDelivery && { delivery: options.alertDelivery }) });
  // Before listening: no row can settle while the current windows load, so none is counted twice.
  await alerts.seed();
  // Also after the ledger, and after its recovery: reservations of requests it settled as
  // unknown_outcome are charged at what those rows now say they cost.
  const ownBudgetStore = options.budgets ? undefined : await openBudgetStore({ url: config.storage.url, cwd });
  const budgetStore = options.budgets ?? ownBudgetStore!;
  await budgetStore.syncConfig(config.budgets.map((entry) => budgetRecordInput(entry, 'config')), clock.now());
  await budgetStore.recover();
  const budgets = createBudgetEngine({
    store: budgetStore,
    timeZone: config.timezone,
    failOpen: config.fail_open,
    reserveOutputTokens: config.reserve_output_tokens,
    onThreshold: (event) => {
      alerts.budgetThresholdCrossed({ ...event, period: { name: event.period, start: event.periodStart, end: event.periodEnd } });
      options.onBudgetThreshold?.(event);
    },
  });
  await budgets.refresh();
  const catalog = loadCatalog({ overrides: config.prices });
  const upstream = createUpstreamClient();
  const auth = createAuthenticator({ mode: config.auth.mode, ...(keys && { keys }) });
  const metrics = createGatewayMetrics();
  // Rate-limit counters live in this process (SPEC §17 moves them to Redis for several instances).
  const counters = createMemoryCounterStore();
  const { app, serveNode } = createApp({
    config,
    catalog,
    store,
    upstream,
    clock,
    auth,
    ...(idempotency && { idempotency }),
    budgets,
    counters,
    observer: combineObservers(combineObservers(metricsObserver(metrics), alerts), options.observer),
    extraRoutes: [
      adminRoutes({
        store,
        clock,
        auth: { mode: config.auth.mode, adminKey: config.auth.admin_key },
        routes: [alertRoutes({ history: alertHistory, engine: alerts, clock }), budgetRoutes({ store: budgets.store, clock, timeZone: config.timezone })],
      }),
      metricsRoutes(metrics.registry),
      ...(options.extraRoutes?.(store) ?? []),
    ],
  });

  const server = await listen(app, serveNode, config.server.host, options.port ?? config.server.port);
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const url = `http://${config.server.host}:${port}`;
  alerts.start(url);
  return {
    url,
    port,
    store,
    recovered,
    alerts,
    budgets: budgets.store,
    close() {
      closing ??= (async () => {
        await stopServer(server, config.server.shutdown_grace_ms);
        await upstream.close();
        await alerts.close();
        await alertHistory.close();
        await ownBudgetStore?.close();
        await ownIdempotency?.close();
        await counters.close();
        await keyStore?.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/** Metrics always observe; a caller's observer (alerts, tests) hears the same events after them. */
function combineObservers(first: ProxyObserver, second: ProxyObserver | undefined): ProxyObserver {
  if (!second) return first;
  return {
    started: (row) => (first.started(row), second.started(row)),
    finished: (row) => (first.finished(row), second.finished(row)),
  };
}

async function openStore(url: string, cwd: string): Promise<LedgerStore> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    const absolute = path === ':memory:' ? path : resolve(cwd, path);
    if (absolute !== ':memory:') mkdirSync(dirname(absolute), { recursive: true });
    // The gateway's ledger writes go through the journal (durable at once, batched into the file).
    return openSqliteLedgerStore({ path: absolute, journal: true });
  }
  throw new CostOpsError('invalid_config', `storage.url "${url.split(':')[0]}:…" is not supported yet: use "sqlite:./data/costops.db"`);
}

/** Requests the proxy serves straight from Node go there first; every other one through @hono/node-server to the app. */
function listen(app: Hono, serveNode: GatewayApp['serveNode'], host: string, port: number): Promise<ServerType> {
  return new Promise((resolvePromise, reject) => {
    const viaHono = getRequestListener(app.fetch, { hostname: host });
    const server = createServer((incoming, outgoing) => {
      if (!serveNode(incoming, outgoing)) void viaHono(incoming, outgoing);
    });
    server.listen(port, host, () => resolvePromise(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new CostOpsError('invalid_config', `port ${port} on ${host} is in use: pass --port N or set server.port`));
      else reject(error);
    });
  });
}

/** Stops accepting, waits for in-flight requests up to `graceMs`, then cuts what is left. */
function stopServer(server: ServerType, graceMs: number): Promise<void> {
  return new Promise((resolvePromise) => {
    const http = server as import('node:http').Server;
    const timer = setTimeout(() => {
      http.closeAllConnections?.();
      resolvePromise();
    }, graceMs);
    timer.unref();
    http.close(() => {
      clearTimeout(timer);
      resolvePromise();
    });
    http.closeIdleConnections?.();
  });
}
