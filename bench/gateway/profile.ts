/**
 * Where the costops gateway's CPU goes (a developer's tool, not part of `npm run bench`): the
 * gateway alone, loaded at saturation (closed loop, 48 connections) against the fake upstream,
 * under V8's sampling profiler. Prints req/s, CPU µs per request, and the functions with the most
 * self time during the measured window.
 *
 *   node --import ./bin/register-typescript.mjs bench/gateway/profile.ts [non-stream|stream] [seconds]
 *
 * `PROFILE_RATE=200` loads it at that fixed rate (open loop) instead, where each request runs on
 * cold caches: pair it with `PROFILE_NODE_FLAGS=--cpu-prof-interval=25` for enough samples.
 *
 * The .cpuprofile is kept in a temp folder (its path is printed) for Chrome DevTools. Figures on a
 * shared VM move by ±30% from one run to the next; read the shares of the profile, not the totals.
 *
 * `PROFILE_PROMOTED=1` also samples, during the measured window, the allocations that outlive the
 * young generation (promoted-probe.mjs) and prints their bytes per request by allocating function:
 * what makes the scavenges slow. Sampling slows the gateway several times: read the sites, not
 * the req/s.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMicros, forkChild, killAllChildren } from './children.ts';
import { closedLoop, createPool, openLoop } from './load.ts';

/** Loads TypeScript in a child process as `npm start` does (bin/typescript-hooks.mjs). */
const TYPESCRIPT = new URL('../../bin/register-typescript.mjs', import.meta.url).href;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

const here = import.meta.dirname;
const workload = process.argv[2] === 'stream' ? 'stream' : 'non-stream';
const seconds = Number(process.argv[3] ?? 10);
const WARMUP_MS = 2_000;

const fake = await forkChild('fake upstream', join(here, 'fake-upstream-child.ts'), []);
const dir = mkdtempSync(join(tmpdir(), 'costops-profile-'));
const profiles = join(dir, 'profiles');
const promoted = process.env['PROFILE_PROMOTED'] ? join(dir, 'promoted.heapprofile') : undefined;
const child = fork(join(here, 'costops-child.ts'), [fake.url, dir], {
  ...(promoted && { env: { ...process.env, PROMOTED_PROBE_FILE: promoted } }),
  execArgv: ['--import', TYPESCRIPT, ...(promoted ? ['--import', join(here, 'promoted-probe.mjs')] : []), '--cpu-prof', `--cpu-prof-dir=${profiles}`, ...(process.env['PROFILE_TRACE_GC'] ? ['--trace-gc'] : []), ...(process.env['PROFILE_NODE_FLAGS']?.split(' ').filter(Boolean) ?? [])],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
// the profile's message may come before the window's end is seen here: listen from the start
const promotedWritten = new Promise((resolve) => child.on('message', (message: { promotedProfile?: string }) => message.promotedProfile && resolve(undefined)));
const url = await new Promise<string>((resolve) => child.on('message', (message: { ready?: boolean; url?: string }) => message.ready && resolve(message.url!)));
const body = Buffer.from(
  JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Write a haiku about the speed of light in fibre.' }],
    max_tokens: 32,
    ...(workload === 'stream' ? { stream: true, stream_options: { include_usage: true } } : {}),
  }),
);
const pool = createPool(url, 48);
let cpuOpen = 0;
let cpuClose = 0;
let windowStart = 0;
let windowEnd = 0;
const target = { origin: url, path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body, check: () => undefined };
const rate = Number(process.env['PROFILE_RATE'] ?? 0);
const result = rate > 0 ? await fixedRate() : await closedLoop(
  pool,
  target,
  {
    concurrency: 48,
    warmupMs: WARMUP_MS,
    durationMs: seconds * 1_000,
    onWindow: (edge) => {
      if (edge === 'open') [cpuOpen, windowStart] = [cpuMicros(child.pid!), Date.now()];
      else [cpuClose, windowEnd] = [cpuMicros(child.pid!), Date.now()];
      if (promoted) process.kill(child.pid!, 'SIGUSR2');
    },
  },
);
async function fixedRate() {
  await openLoop(pool, target, rate, WARMUP_MS);
  [cpuOpen, windowStart] = [cpuMicros(child.pid!), Date.now()];
  if (promoted) process.kill(child.pid!, 'SIGUSR2');
  const run = await openLoop(pool, target, rate, seconds * 1_000);
  [cpuClose, windowEnd] = [cpuMicros(child.pid!), Date.now()];
  if (promoted) process.kill(child.pid!, 'SIGUSR2');
  return run;
}
await pool.close();
if (promoted) await promotedWritten;
child.send({ id: 1, name: 'close' });
await new Promise((resolve) => child.once('exit', resolve));
killAllChildren();

console.log(`${workload}: ${(result.completed / result.seconds).toFixed(0)} req/s, ${((cpuClose - cpuOpen) / result.completed).toFixed(0)} µs CPU per request, ${result.failures} failed`);
const file = readdirSync(profiles).find((name) => name.endsWith('.cpuprofile'));
if (file) summarize(JSON.parse(readFileSync(join(profiles, file), 'utf8')) as CpuProfile, join(profiles, file));
if (promoted) summarizePromoted(JSON.parse(readFileSync(promoted, 'utf8')) as HeapProfile, promoted, result.completed);
process.exit(result.failures > 0 ? 1 : 0);

/** Self time per function inside the measured window (the profile's clock is µs since an origin). */
function summarize(profile: CpuProfile, path: string): void {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  // The profile's own clock: align the window by its end, which is when the profile stopped.
  const end = profile.startTime + profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
  const closedAgo = (Date.now() - windowEnd) * 1_000;
  const from = end - closedAgo - (windowEnd - windowStart) * 1_000;
  const to = end - closedAgo;
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  let time = profile.startTime;
  for (let index = 0; index < profile.samples.length; index++) {
    time += profile.timeDeltas[index] ?? 0;
    if (time < from || time > to) continue;
    const frame = nodes.get(profile.samples[index]!)!.callFrame;
    const key = frameName(frame);
    const delta = profile.timeDeltas[index] ?? 0;
    self.set(key, (self.get(key) ?? 0) + delta);
    const area = areaOf(frame);
    areas.set(area, (areas.get(area) ?? 0) + delta);
    total += delta;
  }
  console.log(`profile: ${path}\nself time in the measured window (% of samples, idle included):`);
  for (const [key, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`);
  console.log('self time by area (a package, a Node module, a src/ folder):');
  for (const [area, micros] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${area}`);
}

interface HeapProfileNode {
  id: number;
  callFrame: ProfileNode['callFrame'];
  children: HeapProfileNode[];
}
interface HeapProfile {
  head: HeapProfileNode;
  samples: { size: number; nodeId: number }[];
}

/** Bytes per request of the sampled allocations still alive or promoted, by allocating function. */
function summarizePromoted(profile: HeapProfile, path: string, requests: number): void {
  const frames = new Map<number, ProfileNode['callFrame']>();
  const visit = (node: HeapProfileNode) => {
    frames.set(node.id, node.callFrame);
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  const bytes = new Map<string, number>();
  let total = 0;
  for (const sample of profile.samples) {
    const frame = frames.get(sample.nodeId)!;
    const key = frameName(frame);
    bytes.set(key, (bytes.get(key) ?? 0) + sample.size);
    total += sample.size;
  }
  console.log(`promoted or still alive: ${(total / requests).toFixed(0)} bytes per request (${path}), by allocating function:`);
  for (const [key, size] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(size / requests).toFixed(0).padStart(7)}  ${key}`);
}

/** `name src/folder/file.ts:line` (or `node_modules/…`), the function's own name alone for natives and V8. */
function frameName(frame: ProfileNode['callFrame']): string {
  const where = frame.url === '' ? '' : ` ${frame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'}${where}`;
}

/** `undici`, `node:_http_server`, `src/gateway/proxy`, or the frame's own name for natives and V8. */
function areaOf(frame: ProfileNode['callFrame']): string {
  const { url } = frame;
  if (url === '') return frame.functionName;
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const source = /\/(src\/[^/]+\/[^/]+)\//.exec(url);
  return source ? source[1]! : url.replace(/^.*\//, '');
}
