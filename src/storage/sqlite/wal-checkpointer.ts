/**
 * Checkpoints a WAL database from a worker thread, so the writer never does. SQLite's automatic
 * checkpoint runs inside the commit that crosses 1000 WAL pages, with its fsyncs: that write, and
 * every request queued behind it, waits. The ledger connection turns it off
 * (`wal_autocheckpoint = 0`) and starts this instead (worker: wal-checkpoint-worker.mjs).
 *
 * Durability does not depend on it: a commit is complete once in the WAL. The checkpoint only
 * moves committed pages into the database file and lets the WAL start over.
 */
import { Worker } from 'node:worker_threads';

export interface WalCheckpointerOptions {
  /** Pause between PASSIVE checkpoints (default 1 s). */
  intervalMs?: number;
  /** Pause while the WAL is busy: the last round found ≥ `busyFrames` frames or could not finish (default 100 ms). */
  busyIntervalMs?: number;
  /** Frames in the WAL that make it busy (default 1000, SQLite's own auto-checkpoint threshold). */
  busyFrames?: number;
  /**
   * WAL bytes since the WAL last started over past which the writes are held for a RESTART
   * checkpoint, so that the WAL cannot grow without bound under continuous writes (default 64 MiB).
   */
  restartBytes?: number;
  /** Longest hold of the writes; past it they go on and RESTART competes for the lock (default 2 s). */
  maxPauseMs?: number;
  /** The worker failed (it could not start, or died): the caller should checkpoint another way. */
  onFailure?: (error: unknown) => void;
}

export interface WalCheckpointer {
  /**
   * Undefined when writes may run now; otherwise a promise that resolves when they may (the
   * checkpointer holds them for a RESTART). Call it before each transaction.
   */
  writesHeld(): Promise<void> | undefined;
  /** Runs a last checkpoint, closes the worker's connection and ends the thread. */
  stop(): Promise<void>;
}

const WORKER_URL = new URL('./wal-checkpoint-worker.mjs', import.meta.url);
const STOP_TIMEOUT_MS = 10_000;

/** Starts checkpointing the WAL database at `path` (a file that exists, in WAL mode). */
export function startWalCheckpointer(path: string, options: WalCheckpointerOptions = {}): WalCheckpointer {
  const worker = new Worker(WORKER_URL, {
    workerData: {
      path,
      intervalMs: options.intervalMs ?? 1_000,
      busyIntervalMs: options.busyIntervalMs ?? 100,
      busyFrames: options.busyFrames ?? 1_000,
      restartBytes: options.restartBytes ?? 64 * 1024 * 1024,
    },
    // Plain JavaScript: no TypeScript loader needed (nor inherited from the parent's --import).
    execArgv: [],
  });
  const maxPauseMs = options.maxPauseMs ?? 2_000;
  let stopping = false;
  let failed = false;
  let held: { promise: Promise<void>; release: () => void; timer: NodeJS.Timeout } | undefined;

  function release(): void {
    if (held === undefined) return;
    clearTimeout(held.timer);
    held.release();
    held = undefined;
    if (!stopping) worker.unref();
  }

  worker.on('message', (message: { type?: string }) => {
    if (message.type === 'pause' && held === undefined && !stopping) {
      let resolve!: () => void;
      const promise = new Promise<void>((settle) => (resolve = settle));
      // Held writes are pending work: the thread and the timer keep the process up until released.
      held = { promise, release: resolve, timer: setTimeout(release, maxPauseMs) };
      worker.ref();
      // Transactions run synchronously, so none is open while this handler runs: held already.
      worker.postMessage({ type: 'paused' });
    } else if (message.type === 'resume') {
      release();
    }
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error) => {
    failed = true;
    release();
    if (!stopping) options.onFailure?.(error);
  });
  worker.once('exit', (code) => {
    release();
    if (!stopping && !failed) options.onFailure?.(new Error(`the WAL checkpointer exited with code ${code}`));
  });
  // Never what keeps the process alive: close() stops it, and an exiting process just ends it.
  // After the listeners: on Node 20 a 'message' listener added later would reference it again.
  worker.unref();
  let stopped: Promise<void> | undefined;
  return {
    writesHeld: () => held?.promise,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        release();
        // Referenced again while we wait for it: an unreferenced thread cannot keep the await alive.
        worker.ref();
        worker.postMessage({ type: 'stop' });
        const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
        timer.unref();
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
  };
}
