/**
 * Gateway overhead (SPEC §1.7, §21): what a gateway adds to a chat completion, side by side in one
 * run against the same fake upstream, for four contenders:
 *   direct    the fake upstream itself — the anchor every "added" figure is measured from
 *   bare      a bare node:http + undici Pool pass-through proxy — the floor for a Node proxy
 *   costops   the costops gateway, ledger on (SQLite WAL file in a temp dir), auth off
 *   portkey   the Portkey gateway (@portkey-ai/gateway, its own Node server), custom host = the fake
 * and two workloads: a non-streamed chat completion (small body, usage in the JSON) and a streamed
 * one (role chunk, 3 text chunks, finish chunk, usage chunk, [DONE]).
 *
 * Per contender and workload:
 * - at a fixed rate well below saturation (open loop, RATE req/s): latency p50/p99 and, for streams,
 *   time to first body byte, each minus direct's ("added"). Contenders take turns in ROUNDS rounds
 *   of ROUND_MS (each round starting with the next contender) after a warm-up, so drift of the
 *   machine hits them alike;
 * - maximum throughput: closed loop, CONCURRENCY connections back to back, SATURATION_MS measured
 *   after a warm-up;
 * - CPU time per request of the gateway process (utime + stime from /proc/<pid>/stat, clock ticks
 *   of 10 ms, over ≥ 1,000 requests) at the fixed rate and at saturation; peak RSS (VmHWM).
 * Every response must be a 200 with a complete body; costops's must carry its cost
 * (x-costops-cost-usd on JSON, `costops.cost_usd` in the stream's usage chunk); after the run the
 * costops ledger must hold exactly one row per request costops served.
 *
 * Process layout (the machine has 2 cores): the fake upstream, each gateway and the load generator
 * (this process) are separate processes; only one contender carries load at a time, the others
 * sit idle. By default nothing is pinned and the kernel spreads the 2–3 busy processes over the
 * 2 cores. BENCH_GATEWAY_PIN=1 pins the gateway under test to CPU 1 and the load generator and the
 * fake upstream to CPU 0. See README.md in this folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Pool } from 'undici';
import { cpuMicros, forkChild, killAllChildren, machineBusyMicros, memoryBytes, pinPid, spawnPortkey, type Child } from './children.ts';
import { closedLoop, createPool, hasHeader, openLoop, percentile, type RunResult, type Target } from './load.ts';
import { printReport, type Measurement } from './report.ts';

const RATE = 200;
const WARMUP_MS = 1_000;
const ROUNDS = 5;
const ROUND_MS = 1_000;
const CONCURRENCY = 48;
const SATURATION_WARMUP_MS = 1_000;
const SATURATION_MS = 4_000;
const UPSTREAM_KEY = 'sk-bench-upstream-key';

interface Contender {
  readonly name: 'direct' | 'bare proxy' | 'costops' | 'portkey';
  readonly child: Child | undefined;
  readonly target: (workload: Workload) => Target;
  /** Requests sent to it in all phases (the costops ledger must hold as many rows). */
  sent: number;
  streamsSent: number;
}

interface Workload {
  readonly name: 'non-stream' | 'stream';
  readonly body: Buffer;
  /** Checks shared by all contenders: a complete body. */
  readonly complete: (body: Buffer) => string | undefined;
}

const MESSAGES = [{ role: 'user', content: 'Write a haiku about the speed of light in fibre.' }];
const WORKLOADS: readonly Workload[] = [
  {
    name: 'non-stream',
    body: Buffer.from(JSON.stringify({ model: 'gpt-4o-mini', messages: MESSAGES, max_tokens: 32 })),
    complete: (body) => (body.includes('"usage"') && body.includes('"choices"') ? undefined : `incomplete JSON body: ${body.toString('utf8').slice(0, 200)}`),
  },
  {
    name: 'stream',
    body: Buffer.from(JSON.stringify({ model: 'gpt-4o-mini', messages: MESSAGES, max_tokens: 32, stream: true, stream_options: { include_usage: true } })),
    complete: (body) => (body.includes('data: [DONE]') ? undefined : `stream without [DONE]: ${body.toString('utf8').slice(-200)}`),
  },
];

/** Runs the benchmark and prints one table with the figures, the ratios and the targets. */
export async function benchGateway(): Promise<void> {
  const pinned = process.env['BENCH_GATEWAY_PIN'] === '1';
  const dir = mkdtempSync(join(tmpdir(), 'costops-bench-gateway-'));
  const cleanup = () => {
    killAllChildren();
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', cleanup);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const children: Child[] = [];
  const pools: Pool[] = [];
  try {
    const gatewayCpu = pinned ? '1' : undefined;
    const sideCpu = pinned ? '0' : undefined;
    if (sideCpu !== undefined) pinPid(process.pid, sideCpu);
    const here = import.meta.dirname;
    const fake = await forkChild('fake upstream', join(here, 'fake-upstream-child.ts'), [], sideCpu);
    children.push(fake);
    const [bare, costops, portkey] = await Promise.all([
      forkChild('bare proxy', join(here, 'bare-proxy-child.ts'), [fake.url], gatewayCpu),
      forkChild('costops', join(here, 'costops-child.ts'), [fake.url, dir], gatewayCpu),
      spawnPortkey(portkeyBin(), gatewayCpu),
    ]);
    children.push(bare, costops, portkey);

    const baseHeaders = { 'content-type': 'application/json', authorization: `Bearer ${UPSTREAM_KEY}` };
    const plain = (origin: string) => (workload: Workload): Target => ({
      origin,
      path: '/v1/chat/completions',
      headers: baseHeaders,
      body: workload.body,
      check: ({ body }) => workload.complete(body),
    });
    const contenders: Contender[] = [
      { name: 'direct', child: undefined, target: plain(fake.url), sent: 0, streamsSent: 0 },
      { name: 'bare proxy', child: bare, target: plain(bare.url), sent: 0, streamsSent: 0 },
      {
        name: 'costops',
        child: costops,
        target: (workload) => ({
          origin: costops.url,
          path: '/v1/chat/completions',
          headers: baseHeaders,
          body: workload.body,
          check: ({ headers, body }) => {
            const incomplete = workload.complete(body);
            if (incomplete) return incomplete;
            if (workload.name === 'stream') return body.includes('"cost_usd":"') ? undefined : 'stream without costops.cost_usd in its usage chunk';
            return hasHeader(headers, 'x-costops-cost-usd') ? undefined : 'response without x-costops-cost-usd';
          },
        }),
        sent: 0,
        streamsSent: 0,
      },
      {
        name: 'portkey',
        child: portkey,
        target: (workload) => ({
          origin: portkey.url,
          path: '/v1/chat/completions',
          headers: { ...baseHeaders, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${fake.url}/v1` },
          body: workload.body,
          check: ({ body }) => workload.complete(body),
        }),
        sent: 0,
        streamsSent: 0,
      },
    ];

    const started = performance.now();
    const measurements: Measurement[] = [];
    const failures: string[] = [];
    // The peer's own failed requests are reported, but they are not a check of costops (or of the bench).
    const peerFailures: string[] = [];
    let peerFailed = 0;
    for (const workload of WORKLOADS) {
      const rows = new Map(contenders.map((contender) => [contender.name, newMeasurement(workload.name, contender.name)]));
      const account = (contender: Contender, result: RunResult) => {
        contender.sent += result.sent;
        if (workload.name === 'stream') contender.streamsSent += result.sent;
        const row = rows.get(contender.name)!;
        row.failures += result.failures;
        if (result.firstFailure === undefined) return;
        const failure = `${workload.name} / ${contender.name}: ${result.firstFailure} (${result.failures} failed)`;
        if (contender.name === 'portkey') {
          peerFailures.push(failure);
          peerFailed += result.failures;
        } else failures.push(failure);
      };

      // Fixed rate: one pool per contender for the whole phase (connections stay warm between rounds).
      const ratePools = contenders.map((contender) => createPool(contender.target(workload).origin, 32));
      pools.push(...ratePools);
      for (const [index, contender] of contenders.entries()) account(contender, await openLoop(ratePools[index]!, contender.target(workload), RATE, WARMUP_MS));
      for (let round = 0; round < ROUNDS; round++) {
        for (let turn = 0; turn < contenders.length; turn++) {
          const index = (round + turn) % contenders.length;
          const contender = contenders[index]!;
          const row = rows.get(contender.name)!;
          const cpuBefore = contender.child ? cpuMicros(contender.child.pid) : 0;
          const fakeBefore = cpuMicros(fake.pid);
          const machineBefore = machineBusyMicros();
          const selfBefore = process.cpuUsage();
          const result = await openLoop(ratePools[index]!, contender.target(workload), RATE, ROUND_MS);
          if (contender.child) row.rateCpuMicros += cpuMicros(contender.child.pid) - cpuBefore;
          row.rateFakeCpuMicros += cpuMicros(fake.pid) - fakeBefore;
          const self = process.cpuUsage(selfBefore);
          row.rateLoadCpuMicros += self.user + self.system;
          row.rateMachineCpuMicros += machineBusyMicros() - machineBefore;
          row.rateSeconds += result.seconds;
          account(contender, result);
          row.rateRequests += result.sent;
          row.latencies.push(...result.latencies);
          row.ttfbs.push(...result.ttfbs);
          row.maxLateMs = Math.max(row.maxLateMs, result.maxLateMs);
        }
      }
      await Promise.all(ratePools.map((pool) => pool.close()));

      // Saturation: closed loop, one contender after the other.
      for (const contender of contenders) {
        const row = rows.get(contender.name)!;
        const pool = createPool(contender.target(workload).origin, CONCURRENCY);
        pools.push(pool);
        let cpuOpen = 0;
        let fakeOpen = 0;
        let machineOpen = 0;
        let selfOpen = process.cpuUsage();
        const result = await closedLoop(pool, contender.target(workload), {
          concurrency: CONCURRENCY,
          warmupMs: SATURATION_WARMUP_MS,
          durationMs: SATURATION_MS,
          onWindow: (edge) => {
            if (edge === 'open') {
              cpuOpen = contender.child ? cpuMicros(contender.child.pid) : 0;
              fakeOpen = cpuMicros(fake.pid);
              machineOpen = machineBusyMicros();
              selfOpen = process.cpuUsage();
            } else {
              if (contender.child) row.saturationCpuMicros = cpuMicros(contender.child.pid) - cpuOpen;
              row.fakeCpuMicros = cpuMicros(fake.pid) - fakeOpen;
              const self = process.cpuUsage(selfOpen);
              row.loadCpuMicros = self.user + self.system;
              row.machineCpuMicros = machineBusyMicros() - machineOpen;
            }
          },
        });
        await pool.close();
        account(contender, result);
        row.saturationRequests = result.completed;
        row.saturationSeconds = result.seconds;
        row.saturationP50 = percentile(result.latencies, 0.5);
      }
      for (const contender of contenders) {
        const row = rows.get(contender.name)!;
        if (contender.child) {
          row.rssAfterBytes = memoryBytes(contender.child.pid, 'VmRSS');
          row.peakRssBytes = memoryBytes(contender.child.pid, 'VmHWM');
        }
        measurements.push(row);
      }
    }
    const runSeconds = (performance.now() - started) / 1000;

    // Correctness after the run: the fake saw every request once (direct + through each gateway),
    // and the costops ledger holds one settled row per request costops served.
    const fakeCount = await fake.request<number>('count');
    const totalSent = contenders.reduce((sum, contender) => sum + contender.sent, 0);
    // a request the peer failed may never have reached the fake
    if (fakeCount > totalSent || fakeCount < totalSent - peerFailed) {
      failures.push(`fake upstream served ${fakeCount} chat completions, the load generator sent ${totalSent}${peerFailed > 0 ? ` (${peerFailed} failed in the peer)` : ''}`);
    }
    const costopsContender = contenders.find((contender) => contender.name === 'costops')!;
    await costops.stop();
    const ledger = countLedger(join(dir, 'costops.db'));
    const ledgerLine =
      `costops ledger: ${ledger.rows.toLocaleString('en-US')} rows for ${costopsContender.sent.toLocaleString('en-US')} requests served ` +
      `(${ledger.ok.toLocaleString('en-US')} ok, ${ledger.streams.toLocaleString('en-US')} streamed of ${costopsContender.streamsSent.toLocaleString('en-US')}, ` +
      `${ledger.priced.toLocaleString('en-US')} priced, $${(ledger.costNano / 1e9).toFixed(6)} total)`;
    if (ledger.rows !== costopsContender.sent || ledger.ok !== costopsContender.sent || ledger.streams !== costopsContender.streamsSent || ledger.priced !== costopsContender.sent) {
      failures.push(`ledger mismatch — ${ledgerLine}`);
    }

    printReport({
      measurements,
      layout: pinned ? 'pinned: gateway under test on CPU 1; load generator + fake upstream on CPU 0' : 'not pinned: the kernel spreads load generator, fake upstream and gateway over the 2 CPUs',
      settings: { rate: RATE, rounds: ROUNDS, roundMs: ROUND_MS, warmupMs: WARMUP_MS, concurrency: CONCURRENCY, saturationMs: SATURATION_MS, saturationWarmupMs: SATURATION_WARMUP_MS },
      checks: [
        `${totalSent.toLocaleString('en-US')} requests in ${runSeconds.toFixed(0)} s, fake upstream served ${fakeCount.toLocaleString('en-US')}`,
        ledgerLine,
      ],
      failures,
      peerFailures,
    });
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    await Promise.allSettled(pools.map((pool) => pool.destroy()));
    await Promise.allSettled(children.map((child) => child.stop(5_000)));
    if (pinned) pinPid(process.pid, `0-${cpus().length - 1}`);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', cleanup);
    cleanup();
  }
}

function newMeasurement(workload: Workload['name'], contender: Contender['name']): Measurement {
  return {
    workload,
    contender,
    latencies: [],
    ttfbs: [],
    maxLateMs: 0,
    rateRequests: 0,
    rateCpuMicros: 0,
    rateFakeCpuMicros: 0,
    rateLoadCpuMicros: 0,
    rateMachineCpuMicros: 0,
    rateSeconds: 0,
    saturationRequests: 0,
    saturationSeconds: 0,
    saturationP50: Number.NaN,
    saturationCpuMicros: 0,
    fakeCpuMicros: 0,
    loadCpuMicros: 0,
    machineCpuMicros: 0,
    failures: 0,
    peakRssBytes: undefined,
    rssAfterBytes: undefined,
  };
}

function countLedger(path: string): { rows: number; ok: number; streams: number; priced: number; costNano: number } {
  const database = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const row = database
      .prepare(
        `SELECT COUNT(*) AS rows, COALESCE(SUM(status = 'ok'), 0) AS ok, COALESCE(SUM(stream), 0) AS streams,
                COALESCE(SUM(cost_usd > 0), 0) AS priced, COALESCE(SUM(cost_usd), 0) AS cost FROM ledger_requests`,
      )
      .get() as { rows: number; ok: number; streams: number; priced: number; cost: number };
    return { rows: Number(row.rows), ok: Number(row.ok), streams: Number(row.streams), priced: Number(row.priced), costNano: Number(row.cost) };
  } finally {
    database.close();
  }
}

/** Portkey's own Node entry point (the package's `start:node` script). */
function portkeyBin(): string {
  return join(import.meta.dirname, '..', '..', 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
}
