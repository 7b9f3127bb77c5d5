/**
 * The gateway's Prometheus metrics (SPEC §16), in a registry of its own: prom-client's global
 * default registry is module state, and two gateways in one process (tests, blue/green in one
 * runtime) would count into each other's series.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** LLM calls run from tens of milliseconds (cache hits, small embeddings) to minutes (long reasoning streams). */
export const DURATION_BUCKETS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];

export const TOKEN_CLASSES = ['input', 'cached_input', 'cache_write', 'output', 'reasoning'] as const;
export type TokenClass = (typeof TOKEN_CLASSES)[number];

export interface GatewayMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'provider' | 'model' | 'status'>;
  readonly tokens: Counter<'provider' | 'model' | 'class'>;
  readonly costUsd: Counter<'provider' | 'model'>;
  readonly duration: Histogram<'provider' | 'model' | 'status' | 'stream'>;
  readonly inFlight: Gauge;
  /**
   * Runs `hook` whenever the registry is read, before the counters and the in-flight gauge report:
   * an observer that counts on the request path in plain numbers hands them over there.
   */
  onCollect(hook: () => void): void;
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  const hooks: (() => void)[] = [];
  // prom-client calls a metric's collect() as the registry reads it; every hook is idempotent
  const collect = () => {
    for (const hook of hooks) hook();
  };
  return {
    registry,
    onCollect: (hook) => void hooks.push(hook),
    requests: new Counter({
      name: 'costops_requests_total',
      help: 'Settled ledger rows (upstream attempts and gateway-served responses) by provider, served model and status.',
      labelNames: ['provider', 'model', 'status'],
      registers,
      collect,
    }),
    tokens: new Counter({
      name: 'costops_tokens_total',
      help: 'Tokens by class: input (uncached), cached_input, cache_write, output (reasoning included), reasoning.',
      labelNames: ['provider', 'model', 'class'],
      registers,
      collect,
    }),
    costUsd: new Counter({
      name: 'costops_cost_usd_total',
      help: 'Cost in USD of priced requests, for dashboards; the ledger (GET /api/usage) has the exact amounts.',
      labelNames: ['provider', 'model'],
      registers,
      collect,
    }),
    duration: new Histogram({
      name: 'costops_request_duration_seconds',
      help: 'Time from the gateway opening a request to its ledger row settling.',
      labelNames: ['provider', 'model', 'status', 'stream'],
      buckets: DURATION_BUCKETS_SECONDS,
      registers,
    }),
    inFlight: new Gauge({
      name: 'costops_in_flight_requests',
      help: 'Requests sent upstream whose ledger row has not settled yet.',
      registers,
      collect,
    }),
  };
}
