/**
 * A/B of the gateway's added latency at a fixed rate (a developer's tool, not part of `npm run
 * bench`): two or more costops source trees side by side in one run, against one fake upstream,
 * with the fake alone (direct) and the bare proxy as anchors. Rounds of 1 s per contender take
 * turns, each round starting with the next contender, so a drift of the VM touches every one alike.
 * On this kind of VM a change of 30–50 µs is lost in `npm run bench gateway`'s noise between runs;
 * here differences are read within one run. Two processes of the same code differ too (up to
 * ~35 µs of `pre`, ~90 µs of p50 or TTFB): run the base twice and believe a change only outside both.
 *
 *   git worktree add /tmp/base HEAD~1 && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   node --import ./bin/register-typescript.mjs bench/gateway/ab.ts [--rounds N] [--rate R] [--stream] baseA=/tmp/base new=. baseB=/tmp/base
 *
 * `name=<tree>@<flags>` starts that variant's Node with extra flags (V8's too), e.g.
 * `gc1=.@--single-threaded-gc` beside `now=.`.
 *
 * `--saturate` compares throughput instead: each turn is 1 s of a closed loop (48 connections back
 * to back, after 300 ms of warm-up), and each contender's req/s and CPU µs per request (its
 * process's utime + stime over the window) are summed over the rounds. The anchors and the phase
 * probe are left out.
 *
 * Besides the client's latency it prints, per proxy process, the phases of a request
 * (phase-probe.mjs, from diagnostics channels): gateway time before the upstream call, the wait
 * for upstream, and the time from the upstream's answer to the client's response.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuMicros, forkChild, killAllChildren, type Child } from './children.ts';
import { closedLoop, createPool, openLoop, percentile, type Target } from './load.ts';

const { values: options, positionals } = parseArgs({ options: { rounds: { type: 'string', default: '8' }, rate: { type: 'string', default: '200' }, stream: { type: 'boolean', default: false }, saturate: { type: 'boolean', default: false } }, allowPositionals: true });
const USAGE = 'usage: ab.ts [--rounds N] [--rate R] [--stream] [--saturate] name=<costops checkout>[@<node flags>] [name=<costops checkout>[@<node flags>] …]';
const variants = positionals.map((spec) => {
  const [name, rest] = spec.split(/=(.*)/s);
  const [tree, flags = ''] = (rest ?? '').split(/@(.*)/s);
  if (!name || !tree) throw new Error(`expected name=<costops checkout>[@<node flags>], got "${spec}"\n${USAGE}`);
  return { name, child: join(resolve(tree), 'bench/gateway/costops-child.ts'), flags };
});
if (variants.length === 0) throw new Error(USAGE);
const rounds = Number(options.rounds);
const rate = Number(options.rate);
const SATURATION_CONNECTIONS = 48;

const here = import.meta.dirname;
const work = mkdtempSync(join(tmpdir(), 'costops-ab-'));
process.on('exit', () => {
  killAllChildren();
  rmSync(work, { recursive: true, force: true });
});
// every proxy process (and the fake) gets the phase probe, except when CPU is measured; the load generator does not
if (!options.saturate) {
  process.env['NODE_OPTIONS'] = `${process.env['NODE_OPTIONS'] ?? ''} --import ${join(here, 'phase-probe.mjs')}`;
  process.env['PHASE_PROBE_DIR'] = work;
}
const fake = await forkChild('fake upstream', join(here, 'fake-upstream-child.ts'), []);
const contenders = new Map<string, Child>(options.saturate ? [] : [['direct', fake]]);
if (!options.saturate) contenders.set('bare proxy', await forkChild('bare proxy', join(here, 'bare-proxy-child.ts'), [fake.url]));
for (const [index, variant] of variants.entries()) {
  const ledger = join(work, `ledger-${index}`);
  contenders.set(variant.name, await forkChild(variant.name, variant.child, [fake.url, ledger], undefined, variant.flags.split(' ').filter(Boolean)));
}

const stream = options.stream ? { stream: true, stream_options: { include_usage: true } } : {};
const body = Buffer.from(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Write a haiku about the speed of light in fibre.' }], max_tokens: 32, ...stream }));
const names = [...contenders.keys()];
const targets = new Map(names.map((name) => {
  const { url } = contenders.get(name)!;
  const target: Target = { origin: url, path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body, check: () => undefined };
  return [name, { target, pool: createPool(url, options.saturate ? SATURATION_CONNECTIONS : 8) }];
}));
const latencies = new Map(names.map((name) => [name, [] as number[]]));
const ttfbs = new Map(names.map((name) => [name, [] as number[]]));
let failures = 0;
if (options.saturate) await saturate();

for (const name of names) await openLoop(targets.get(name)!.pool, targets.get(name)!.target, rate, 2_000);
await collectPhases(); // drops the warm-up's
for (let round = 0; round < rounds; round++) {
  for (let turn = 0; turn < names.length; turn++) {
    const name = names[(turn + round) % names.length]!;
    const { pool, target } = targets.get(name)!;
    const result = await openLoop(pool, target, rate, 1_000);
    failures += result.failures;
    latencies.get(name)!.push(...result.latencies);
    ttfbs.get(name)!.push(...result.ttfbs);
  }
}
const phases = await collectPhases();

const direct = percentile(latencies.get('direct')!, 0.5);
const ms = (value: number) => value.toFixed(3);
const signedMs = (value: number) => `${value >= 0 ? '+' : ''}${ms(value)}`;
const phase = (summary: PhaseSummary | undefined, key: keyof PhaseSummary) => (summary?.[key]?.p50 == null ? '—' : `${summary[key].p50.toFixed(0)}/${summary[key].p90!.toFixed(0)}`);
const directTtfb = percentile(ttfbs.get('direct')!, 0.5);
console.log(`${options.stream ? 'stream' : 'non-stream'}, ${rate} req/s, ${rounds} rounds of 1 s per contender, taking turns; ${failures} failed`);
console.log('contender     p50 ms   +p50 ms   p90 ms  +TTFB p50   phase µs p50/p90: pre   wait       post');
for (const name of names) {
  const values = latencies.get(name)!;
  const p50 = percentile(values, 0.5);
  const summary = phases.get(name);
  console.log(
    `${name.padEnd(12)}  ${ms(p50).padStart(6)}  ${name === 'direct' ? '      —' : `${p50 - direct >= 0 ? '+' : ''}${ms(p50 - direct)}`.padStart(7)}   ${ms(percentile(values, 0.9)).padStart(6)}  ${name === 'direct' ? '        —' : `${signedMs(percentile(ttfbs.get(name)!, 0.5) - directTtfb)}`.padStart(9)}   ${phase(summary, 'pre').padStart(20)}  ${phase(summary, 'wait').padEnd(9)}  ${phase(summary, 'post')}`,
  );
}
process.exit(failures > 0 ? 1 : 0);

/** Closed-loop turns; prints req/s and CPU per request per contender, then exits. */
async function saturate(): Promise<never> {
  const totals = new Map(names.map((name) => [name, { completed: 0, seconds: 0, cpu: 0 }]));
  for (const name of names) await closedLoop(targets.get(name)!.pool, targets.get(name)!.target, { concurrency: SATURATION_CONNECTIONS, warmupMs: 1_000, durationMs: 1_000 });
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < names.length; turn++) {
      const name = names[(turn + round) % names.length]!;
      const { pool, target } = targets.get(name)!;
      const { pid } = contenders.get(name)!;
      let cpuOpen = 0;
      let cpuClose = 0;
      const result = await closedLoop(pool, target, {
        concurrency: SATURATION_CONNECTIONS,
        warmupMs: 300,
        durationMs: 1_000,
        onWindow: (edge) => (edge === 'open' ? (cpuOpen = cpuMicros(pid)) : (cpuClose = cpuMicros(pid))),
      });
      failures += result.failures;
      const total = totals.get(name)!;
      total.completed += result.completed;
      total.seconds += result.seconds;
      total.cpu += cpuClose - cpuOpen;
    }
  }
  console.log(`${options.stream ? 'stream' : 'non-stream'}, saturation (${SATURATION_CONNECTIONS} connections), ${rounds} rounds of 1 s per contender, taking turns; ${failures} failed`);
  console.log('contender        req/s   CPU µs/req');
  for (const [name, { completed, seconds, cpu }] of totals) {
    console.log(`${name.padEnd(12)}  ${(completed / seconds).toFixed(0).padStart(7)}   ${(cpu / completed).toFixed(0).padStart(10)}`);
  }
  process.exit(failures > 0 ? 1 : 0);
}

interface PhaseSummary {
  pre: { p50: number | null; p90: number | null };
  wait: { p50: number | null; p90: number | null };
  post: { p50: number | null; p90: number | null };
}

/** Asks every process for its phase times so far (and to start over). */
async function collectPhases(): Promise<Map<string, PhaseSummary>> {
  for (const child of contenders.values()) process.kill(child.pid, 'SIGUSR2');
  await new Promise((done) => setTimeout(done, 300));
  const found = new Map<string, PhaseSummary>();
  for (const [name, child] of contenders) {
    if (name === 'direct') continue;
    try {
      found.set(name, JSON.parse(readFileSync(join(work, `${child.pid}.json`), 'utf8')) as PhaseSummary);
    } catch {
      // no answer yet: printed as —
    }
  }
  return found;
}
