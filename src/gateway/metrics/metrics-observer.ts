/**
 * Feeds the metrics from the proxy's row events. It runs on every request, so it counts in plain
 * numbers per series and hands the sums to prom-client when the registry is read (a prom-client
 * `inc` hashes and validates its label set on every call, child or not: most of this observer's
 * cost before). The duration histogram is observed directly. Series are created as rows show
 * them; cardinality stays bounded by the configured models.
 */
import { nanosToNumber, type Nanos } from '../../core/money/index.ts';
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
const TOKEN_FIELD_LIST = TOKEN_CLASSES.map((tokenClass) => TOKEN_FIELDS[tokenClass]);

type Increment = { inc(value?: number): void };
type Observe = { observe(value: number): void };

/** What one counter series gained since the registry was last read; `seen` once a row reported it (0 included). */
interface Pending {
  readonly counter: Increment;
  amount: number;
  seen: boolean;
}

interface ModelSeries {
  /** In TOKEN_CLASSES order. */
  readonly tokens: readonly Pending[];
  readonly cost: { readonly counter: Increment; nanos: Nanos };
  /** By status, then by stream flag; filled as statuses appear. */
  readonly byStatus: Map<string, { requests: Pending; duration: Observe; durationStream: Observe }>;
}

export function metricsObserver(metrics: GatewayMetrics): ProxyObserver {
  const series = new Map<string, ModelSeries>();
  const pending: Pending[] = [];
  // Only rows seen starting are counted down, so a settle without a start never drives the gauge negative.
  const inFlight = new Set<string>();

  const counted = (counter: Increment): Pending => {
    const entry = { counter, amount: 0, seen: false };
    pending.push(entry);
    return entry;
  };

  const seriesFor = (provider: string, model: string): ModelSeries => {
    const key = `${provider}\u0000${model}`;
    let found = series.get(key);
    if (found === undefined) {
      found = {
        tokens: TOKEN_CLASSES.map((tokenClass) => counted(metrics.tokens.labels(provider, model, tokenClass))),
        cost: { counter: metrics.costUsd.labels(provider, model), nanos: 0n },
        byStatus: new Map(),
      };
      series.set(key, found);
    }
    return found;
  };

  metrics.onCollect(() => {
    for (const entry of pending) {
      if (!entry.seen) continue;
      entry.counter.inc(entry.amount);
      entry.amount = 0;
      entry.seen = false;
    }
    for (const { cost } of series.values()) {
      // summed exactly in nano-USD; the counter itself is a float, for dashboards (the ledger has the exact amounts)
      if (cost.nanos === 0n) continue;
      cost.counter.inc(nanosToNumber(cost.nanos));
      cost.nanos = 0n;
    }
    metrics.inFlight.set(inFlight.size);
  });

  return {
    started(row) {
      inFlight.add(row.id);
    },
    finished(row) {
      inFlight.delete(row.id);
      const provider = row.provider ?? 'unknown';
      const model = row.model ?? row.requestedModel ?? 'unknown';
      const entry = seriesFor(provider, model);
      let status = entry.byStatus.get(row.status);
      if (status === undefined) {
        status = {
          requests: counted(metrics.requests.labels(provider, model, row.status)),
          duration: metrics.duration.labels(provider, model, row.status, 'false'),
          durationStream: metrics.duration.labels(provider, model, row.status, 'true'),
        };
        entry.byStatus.set(row.status, status);
      }
      status.requests.amount++;
      status.requests.seen = true;
      const durationMs = durationOf(row);
      if (durationMs !== null) (row.stream ? status.durationStream : status.duration).observe(durationMs / 1000);
      for (let index = 0; index < TOKEN_FIELD_LIST.length; index++) {
        const count = row[TOKEN_FIELD_LIST[index]!];
        if (count === null) continue;
        const tokens = entry.tokens[index]!;
        tokens.amount += count;
        tokens.seen = true;
      }
      if (row.costUsd !== null && row.costUsd > 0n) entry.cost.nanos += row.costUsd;
    },
  };
}

function durationOf(row: LedgerRow): number | null {
  if (row.latencyMs !== null) return row.latencyMs;
  return row.endedAt === null ? null : row.endedAt.getTime() - row.startedAt.getTime();
}
