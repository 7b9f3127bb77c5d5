/**
 * Instructions per proxied request (a developer's tool, not part of `npm run bench`): the costops
 * gateway (costops-child.ts) under valgrind's callgrind, which counts the instructions the process
 * executes (all threads, user space), not seconds. Unlike CPU time on a shared VM, the count
 * repeats within about 1% from run to run, so it can tell a 5% change from noise.
 *
 *   node --import ./bin/register-typescript.mjs bench/gateway/instructions.ts [non-stream|stream] [measured=2000] [warmup=5000] [costops|bare]
 *
 * `bare` counts the bare pass-through proxy (bare-proxy-child.ts) instead: the floor.
 *
 * The gateway runs uninstrumented through start-up and `warmup` requests (so that V8 has compiled
 * the hot path: a short warm-up counts the optimizing compiler, not the request), then `measured`
 * requests are counted, 8 at a time, against the in-process fake upstream. Prints instructions per
 * request and the native functions with the most (JIT-compiled JavaScript shows as `???`; use
 * profile.ts for where in the JavaScript). Takes 2–3 minutes. Needs valgrind.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { startFakeUpstream } from '../../test/support/fake-upstream/index.ts';

/** Loads TypeScript in a child process as `npm start` does (bin/typescript-hooks.mjs). */
const TYPESCRIPT = new URL('../../bin/register-typescript.mjs', import.meta.url).href;

const here = import.meta.dirname;
const workload = process.argv[2] === 'stream' ? 'stream' : 'non-stream';
const measured = Number(process.argv[3] ?? 2_000);
const warmup = Number(process.argv[4] ?? 5_000);
const contender = process.argv[5] === 'bare' ? 'bare proxy' : 'costops';
const CONCURRENCY = 8;

const fake = await startFakeUpstream({ minimal: true });
const dir = mkdtempSync(join(tmpdir(), 'costops-instructions-'));
const child = spawn(
  'valgrind',
  ['--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${join(dir, 'callgrind.out')}`, process.execPath, '--import', TYPESCRIPT, ...(contender === 'costops' ? [join(here, 'costops-child.ts'), fake.url, dir] : [join(here, 'bare-proxy-child.ts'), fake.url])],
  { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] },
);
let valgrindOutput = '';
child.stderr!.on('data', (chunk: Buffer) => (valgrindOutput += chunk.toString()));
const url = await new Promise<string>((resolve, reject) => {
  child.on('message', (message: { ready?: boolean; url?: string }) => message.ready && resolve(message.url!));
  child.once('exit', (code) => reject(new Error(`the gateway under valgrind exited (${code}):\n${valgrindOutput}`)));
});

const pool = new Pool(url, { connections: CONCURRENCY });
const body = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Write a haiku about the speed of light in fibre.' }],
  max_tokens: 32,
  ...(workload === 'stream' ? { stream: true, stream_options: { include_usage: true } } : {}),
});

async function send(count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next++ < count) {
      const response = await pool.request({ method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body });
      const text = await response.body.text();
      if (response.statusCode !== 200 || !text.includes('usage')) throw new Error(`request failed (${response.statusCode}): ${text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const instrument = (on: boolean) => execFileSync('callgrind_control', ['--instr=' + (on ? 'on' : 'off'), String(child.pid)], { stdio: 'ignore' });
try {
  await send(warmup);
  instrument(true);
  await send(measured);
  // the ledger's batch of the last requests lands within its 50 ms delay: counted too
  await new Promise((resolve) => setTimeout(resolve, 200));
  instrument(false);
} finally {
  await pool.close();
  child.send({ id: 1, name: 'close' });
  await new Promise((resolve) => child.once('exit', resolve));
  await fake.close();
}

const file = readdirSync(dir).find((name) => name.startsWith('callgrind.out'));
if (!file) throw new Error(`callgrind wrote no profile:\n${valgrindOutput}`);
const total = Number(/^totals: (\d+)/m.exec(readFileSync(join(dir, file), 'utf8'))?.[1] ?? NaN);
console.log(`${contender}, ${workload}: ${Math.round(total / measured).toLocaleString('en-US')} instructions per request (${measured} requests after ${warmup} of warm-up)`);
const annotated = execFileSync('callgrind_annotate', ['--inclusive=no', join(dir, file)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const functions = annotated.split('\n').filter((line) => /^\s*[\d,]+ \(\s*[\d.]+%\)\s+\S/.test(line) && !line.includes('PROGRAM TOTALS'));
console.log('native functions with the most instructions (self):');
for (const line of functions.slice(0, 15)) console.log(`  ${line.trim().replace(/\[[^\]]*\]$/, '').slice(0, 150)}`);
rmSync(dir, { recursive: true, force: true });
