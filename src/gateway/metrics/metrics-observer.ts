/**
 * Feeds the metrics from the proxy's row events. It runs on every request, so label children are
 * looked up once per (provider, model) and kept: prom-client hashes the label set on every
 * `labels()` call otherwise. Cardinality stays bounded by the configured models.
 */
import { nanosToNumber } from '../../core/money/index.ts';
import type { LedgerRow, LedgerTokenField } from '../../core/ports/index.ts';
import type { ProxyObserver } from '../proxy/proxy-observer.ts';
import { TOKEN_CLASSES, type GatewayMetrics, type TokenClass } from './create-gateway-metrics.ts';

const TOKEN_FIELDS: Readonly<Record<TokenClass, LedgerTokenField>> = {
  input: 'inputTokens',
  cached_input: 'cachedInputTokens',
  cache_write: 'cacheWriteTokens',
  output: 'outputTokens',
  reasoning: 'reasoningTokens',
};

type Increment = { inc(value?: number): void };
type Observe = { observe(value: number): void };

interface ModelSeries {
  readonly tokens: readonly [TokenClass, Increment][];
  readonly cost: Increment;
  /** By status, then by stream flag; filled as statuses appear. */
  readonly byStatus: Map<string, { requests: Increment; duration: Observe; durationStream: Observe }>;
}

export function metricsObserver(metrics: GatewayMetrics): ProxyObserver {
  const series = new Map<string, ModelSeries>();
  // Only rows seen starting are counted down, so a settle without a start never drives the gauge negative.
  const inFlight = new Set<string>();

  const seriesFor = (provider: string, model: string): ModelSeries => {
    const key = `${provider}\u0000${model}`;
    let found = series.get(key);
    if (found === undefined) {
      found = {
        tokens: TOKEN_CLASSES.map((tokenClass) => [tokenClass, metrics.tokens.labels(provider, model, tokenClass)] as [TokenClass, Increment]),
        cost: metrics.costUsd.labels(provider, model),
        byStatus: new Map(),
      };
      series.set(key, found);
    }
    return found;
  };

  return {
    started(row) {
      inFlight.add(row.id);
      metrics.inFlight.inc();
    },
    finished(row) {
      if (inFlight.delete(row.id)) metrics.inFlight.dec();
      const provider = row.provider ?? 'unknown';
      const model = row.model ?? row.requestedModel ?? 'unknown';
      const entry = seriesFor(provider, model);
      let status = entry.byStatus.get(row.status);
      if (status === undefined) {
        status = {
          requests: metrics.requests.labels(provider, model, row.status),
          duration: metrics.duration.labels(provider, model, row.status, 'false'),
          durationStream: metrics.duration.labels(provider, model, row.status, 'true'),
        };
        entry.byStatus.set(row.status, status);
      }
      status.requests.inc();
      const durationMs = durationOf(row);
      if (durationMs !== null) (row.stream ? status.durationStream : status.duration).observe(durationMs / 1000);
      for (const [tokenClass, counter] of entry.tokens) {
        const count = row[TOKEN_FIELDS[tokenClass]];
        if (count !== null) counter.inc(count);
      }
      // A float sum drifts by tiny amounts over millions of requests; that is fine for a dashboard
      // line, which is all this counter is for. Exact money lives in the ledger (nano-USD bigints).
      if (row.costUsd !== null && row.costUsd > 0n) entry.cost.inc(nanosToNumber(row.costUsd));
    },
  };
}

function durationOf(row: LedgerRow): number | null {
  if (row.latencyMs !== null) return row.latencyMs;
  return row.endedAt === null ? null : row.endedAt.getTime() - row.startedAt.getTime();
}
