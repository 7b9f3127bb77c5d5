/**
 * The parent side of the benchmark's processes: start each server in its own child process,
 * talk to the forked ones over IPC, read a child's CPU time and memory from /proc, and stop
 * every child that was started — by its own pid, also when the benchmark fails or is interrupted.
 */
import { fork, spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

/** Loads TypeScript in a child process as `npm start` does (bin/typescript-hooks.mjs). */
const TYPESCRIPT = new URL('../../bin/register-typescript.mjs', import.meta.url).href;

const CLOCK_TICKS_PER_SECOND = readClockTicks();
const START_TIMEOUT_MS = 20_000;

/** A server running in a child process. */
export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** Asks the child (forked ones only) and resolves with its answer. */
  request<T>(name: string): Promise<T>;
  /** Graceful stop: `close` over IPC (forked) or SIGTERM, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  readonly exited: boolean;
}

const running = new Set<ChildProcess>();

/** Kills (SIGKILL) every child still running; safe to call more than once and from an exit handler. */
export function killAllChildren(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  running.clear();
}

/** Forks a TypeScript child (through bin/register-typescript.mjs) that speaks child-ipc.ts; resolves once it announced its URL. */
export async function forkChild(name: string, modulePath: string, args: readonly string[], cpu?: string, nodeFlags: readonly string[] = []): Promise<Child> {
  const child = fork(modulePath, [...args], {
    execArgv: ['--import', TYPESCRIPT, ...nodeFlags],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  track(child);
  const stderr = captureTail(child);
  pin(child, cpu);
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${START_TIMEOUT_MS} ms: ${stderr()}`)), START_TIMEOUT_MS);
    child.on('message', (message: { ready?: boolean; url?: string; id?: number; value?: unknown; error?: string }) => {
      if (message.ready) {
        clearTimeout(timer);
        resolve(message.url!);
        return;
      }
      const waiter = pending.get(message.id!);
      if (!waiter) return;
      pending.delete(message.id!);
      if (message.error !== undefined) waiter.reject(new Error(`${name}: ${message.error}`));
      else waiter.resolve(message.value);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const error = new Error(`${name} exited (code ${code}, signal ${signal}): ${stderr()}`);
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  });
  const url = await ready;
  const request = <T>(requestName: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, name: requestName });
    });
  return describe(name, child, url, stderr, request, async () => {
    await request('close');
  });
}

/** Spawns the Portkey gateway's own Node entry point on a free port; resolves once it answers HTTP. */
export async function spawnPortkey(bin: string, cpu?: string): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, `--port=${port}`, '--headless'], { stdio: ['ignore', 'ignore', 'pipe'] });
  track(child);
  const stderr = captureTail(child);
  pin(child, cpu);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`portkey exited (code ${child.exitCode}): ${stderr()}`);
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`portkey did not answer on ${url} within ${START_TIMEOUT_MS} ms: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return describe('portkey', child, url, stderr, () => Promise.reject(new Error('portkey has no IPC channel')), async () => {
    child.kill('SIGTERM');
  });
}

function describe(name: string, child: ChildProcess, url: string, stderr: () => string, request: Child['request'], politeStop: () => Promise<void>): Child {
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`${name} (pid ${child.pid}) exited during the benchmark (code ${code}, signal ${signal}): ${stderr()}`);
  });
  return {
    name,
    pid: child.pid!,
    url,
    request,
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        await politeStop().catch(() => child.kill('SIGKILL'));
        await exited;
      } finally {
        clearTimeout(timer);
        running.delete(child);
      }
    },
  };
}

function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/** Keeps the last 4 KB a child wrote to stderr, for error messages. */
function captureTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4096);
  });
  return () => tail.trim() || '(no stderr)';
}

/** Pins a child (all its threads) to the given CPU list with taskset, when asked to. */
function pin(child: ChildProcess, cpu: string | undefined): void {
  if (cpu === undefined || child.pid === undefined) return;
  pinPid(child.pid, cpu);
}

export function pinPid(pid: number, cpu: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpu, String(pid)], { stdio: 'ignore' });
}

/** utime + stime of a process (all its threads), in microseconds. */
export function cpuMicros(pid: number): number {
  const stat = readProc(pid, 'stat');
  // the command name (field 2) may hold spaces: fields are counted after its closing parenthesis
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // fields 14 and 15 of proc(5)
  return (ticks * 1e6) / CLOCK_TICKS_PER_SECOND;
}

/** CPU time all processes of the machine spent busy (user, nice, system, irq, softirq, steal), in microseconds. */
export function machineBusyMicros(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user! + nice! + system! + irq! + softirq! + steal!) * 1e6) / CLOCK_TICKS_PER_SECOND;
}

/** A /proc/<pid>/status memory field (VmHWM = peak RSS, VmRSS = current), in bytes. */
export function memoryBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readProc(pid, 'status');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

function readProc(pid: number, file: 'stat' | 'status'): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`process ${pid} is gone: a child exited during the benchmark`);
    throw error;
  }
}

function readClockTicks(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
