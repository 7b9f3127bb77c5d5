/**
 * Ledger ingest rate (SPEC §21): rows per second, each row a full open() + finalize() pair as
 * the gateway writes it, with durability on (SQLite WAL, synchronous=NORMAL, every promise
 * awaited until its group-commit transaction committed), from many concurrent writers.
 * Anchor: 20,000 rows/s.
 *
 * Then the gateway's view: the latency and CPU of one request's ledger writes (open(), then
 * finalize() once it committed), with 1 and 32 requests in flight. At 1 every write is a
 * transaction of its own, which is what a lightly loaded gateway pays before and after each
 * upstream call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteLedgerStore } from '../src/storage/index.ts';

const ROWS = 100_000;
const WRITERS = 1_000;
const TARGET_ROWS_PER_SECOND = 20_000;
const TENANTS = ['acme', 'globex', 'initech', 'umbrella'];
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4'];
const FEATURES = ['chat', 'summarize', 'classify', 'search'];

/** Runs the benchmark and prints its figure and its ratio to the target. */
export async function benchLedgerIngest(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'costops-bench-ledger-'));
  let transactions = 0;
  const store = await openSqliteLedgerStore({ path: join(folder, 'ledger.db'), onBatch: () => void transactions++ });
  try {
    let next = 0;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const writer = async () => {
      while (next < ROWS) {
        const index = next++;
        const startedAt = new Date();
        const row = await store.open({
          operationId: `op-${index}`,
          startedAt,
          tenant: TENANTS[index % TENANTS.length]!,
          user: `user-${index % 500}`,
          feature: FEATURES[index % FEATURES.length]!,
          provider: 'openai',
          requestedModel: MODELS[index % MODELS.length]!,
          endpoint: '/v1/chat/completions',
          tags: { team: `team-${index % 8}` },
          reservedUsd: 5_000_000n,
          requestHash: `h${index}`,
          requestBytes: 2_048,
        });
        await store.finalize(row.id, {
          status: 'ok',
          endedAt: new Date(),
          latencyMs: 420,
          model: MODELS[index % MODELS.length]!,
          httpStatus: 200,
          inputTokens: 1_200,
          cachedInputTokens: 300,
          outputTokens: 250,
          reasoningTokens: 0,
          costUsd: 4_125_000n + BigInt(index % 1000),
          priceId: 'openai/gpt-4o@2025-01',
          usageSource: 'provider',
          responseBytes: 1_024,
        });
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // CPU time beside wall time: on a shared machine the wall figure also measures the neighbours.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const total = await store.usage({});
    if (total.total.requests !== ROWS) throw new Error(`expected ${ROWS} settled rows, found ${total.total.requests}`);
    const rate = ROWS / seconds;
    console.log(
      `ledger ingest (sqlite, WAL + synchronous=NORMAL, group commit, ${WRITERS} writers): ` +
        `${ROWS.toLocaleString('en-US')} rows in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en-US')} rows/s ` +
        `vs target ${TARGET_ROWS_PER_SECOND.toLocaleString('en-US')} rows/s → ratio ${(rate / TARGET_ROWS_PER_SECOND).toFixed(2)}× ` +
        `(${transactions} transactions, ${Math.round((2 * ROWS) / transactions)} writes each on average; ` +
        `${cpuSeconds.toFixed(2)} s CPU = ${Math.round(ROWS / cpuSeconds).toLocaleString('en-US')} rows per CPU-second)`,
    );
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
  await benchPairLatency();
}

const PAIR_PHASES = [
  { concurrency: 1, pairs: 5_000, warmUp: 2_000 },
  { concurrency: 32, pairs: 20_000, warmUp: 2_000 },
];

/** Latency and CPU of one open() + finalize() pair, gateway-shaped rows, at fixed concurrency. */
async function benchPairLatency(): Promise<void> {
  // A fresh ledger per phase: one phase's WAL backlog must not land in the next one's figures.
  for (const phase of PAIR_PHASES) await benchPairPhase(phase);
}

async function benchPairPhase({ concurrency, pairs, warmUp }: (typeof PAIR_PHASES)[number]): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'costops-bench-ledger-pair-'));
  let transactions = 0;
  const store = await openSqliteLedgerStore({ path: join(folder, 'ledger.db'), onBatch: () => void transactions++ });
  let sequence = 0;
  const pair = async () => {
    const index = sequence++;
    const startedAt = new Date();
    const row = await store.open({
      operationId: `op-${index}`,
      startedAt,
      tenant: 'acme',
      keyId: 'key_1',
      provider: 'openai',
      requestedModel: 'gpt-4o-mini',
      model: 'gpt-4o-mini',
      endpoint: '/v1/chat/completions',
      stream: false,
      tags: {},
      requestBytes: 200,
    });
    const endedAt = new Date();
    await store.finalize(row.id, {
      status: 'ok',
      inputTokens: 100,
      cachedInputTokens: 0,
      outputTokens: 20,
      reasoningTokens: 0,
      costUsd: 27_000n + BigInt(index % 100),
      priceId: 'openai/gpt-4o-mini@2025-01',
      usageSource: 'provider',
      unpriced: false,
      model: 'gpt-4o-mini',
      httpStatus: 200,
      endedAt,
      latencyMs: endedAt.getTime() - startedAt.getTime(),
      responseBytes: 300,
    });
  };
  const run = async (concurrency: number, count: number, latencies?: number[]) => {
    let left = count;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left-- > 0) {
          const start = process.hrtime.bigint();
          await pair();
          latencies?.push(Number(process.hrtime.bigint() - start) / 1000);
        }
      }),
    );
  };
  try {
    await run(concurrency, warmUp);
    const latencies: number[] = [];
    const transactionsBefore = transactions;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await run(concurrency, pairs, latencies);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(0);
    console.log(
      `ledger open+finalize pair, ${concurrency} in flight: p50 ${at(0.5)} µs, p99 ${at(0.99)} µs, max ${at(1)} µs; ` +
        `${Math.round(pairs / seconds).toLocaleString('en-US')} pairs/s; CPU ${((cpu.user + cpu.system) / pairs).toFixed(1)} µs per pair ` +
        `(user ${(cpu.user / pairs).toFixed(1)}, system ${(cpu.system / pairs).toFixed(1)}; all threads); ` +
        `${((2 * pairs) / (transactions - transactionsBefore)).toFixed(1)} writes per transaction`,
    );
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
