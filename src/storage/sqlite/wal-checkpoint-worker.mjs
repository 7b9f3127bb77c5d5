// The ledger's WAL checkpointer, run in a worker thread by wal-checkpointer.ts. Plain JavaScript
// on purpose: module hooks registered on the main thread do not reach worker threads on Node 20,
// so a .ts worker would not load.
//
// Its own connection to the ledger file copies committed WAL frames into the database file with
// PASSIVE checkpoints, which never wait for nor block the writer: every `intervalMs`, or every
// `busyIntervalMs` while the WAL is busy. The checkpoint's fsyncs happen here, off the event loop
// that serves requests. When no write lands during a round, the writer's next transaction starts
// the WAL over from its beginning.
//
// Under continuous writes that moment may never come, and the WAL would grow for ever. So once the
// frames since the WAL last started over pass `restartBytes`, the worker catches up with PASSIVE
// rounds, asks the main thread to hold its ledger writes ('pause': they queue, the event loop runs
// on), runs RESTART, which has only the frames of the last round left to copy, and lets the writes
// go ('resume'). RESTART rather than TRUNCATE: the next writes reuse the file from its start, while
// shrinking a WAL of that size (ftruncate) takes tens of milliseconds, all of them inside the hold.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, intervalMs, busyIntervalMs, busyFrames, restartBytes } = workerData;
/** Rounds of PASSIVE that may run back to back before a RESTART, to shorten the hold. */
const MAX_CATCH_UP_ROUNDS = 8;
/** A PASSIVE round that took this long left enough behind to be worth another one first. */
const CATCH_UP_MS = 2;

const database = new Database(path, { fileMustExist: true });
// RESTART waits for readers (and writers of other connections) on this thread, not the main one.
database.pragma('busy_timeout = 5000');
const frameBytes = Number(database.pragma('page_size', { simple: true })) + 24;
let timer;
let stopped = false;
let waitingForPause = false;

/** Runs one checkpoint; returns SQLite's counters, or undefined when it failed. */
function checkpoint(mode) {
  try {
    const [result] = database.pragma(`wal_checkpoint(${mode})`);
    return { log: Number(result.log), checkpointed: Number(result.checkpointed) };
  } catch (error) {
    // SQLITE_BUSY and the like: the next round tries again.
    parentPort.postMessage({ type: 'checkpoint-failed', mode, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

function schedule(counters) {
  if (stopped) return;
  const busy = counters === undefined || counters.log >= busyFrames || counters.checkpointed < counters.log;
  timer = setTimeout(round, busy ? busyIntervalMs : intervalMs);
}

function round() {
  if (stopped) return;
  let started = performance.now();
  let counters = checkpoint('PASSIVE');
  if (counters !== undefined && counters.log * frameBytes > restartBytes) {
    // Catch up without holding anything, so that the hold covers only a short remainder.
    for (let rounds = 0; rounds < MAX_CATCH_UP_ROUNDS && counters !== undefined && performance.now() - started > CATCH_UP_MS; rounds++) {
      started = performance.now();
      counters = checkpoint('PASSIVE');
    }
    waitingForPause = true;
    parentPort.postMessage({ type: 'pause' });
    return; // goes on in restart(), once the writes are held
  }
  schedule(counters);
}

function restart() {
  waitingForPause = false;
  let counters;
  try {
    counters = checkpoint('RESTART');
  } finally {
    parentPort.postMessage({ type: 'resume' });
  }
  schedule(counters);
}

parentPort.on('message', (message) => {
  if (message?.type === 'paused' && waitingForPause && !stopped) {
    restart();
  } else if (message?.type === 'stop' && !stopped) {
    stopped = true;
    clearTimeout(timer);
    if (waitingForPause) parentPort.postMessage({ type: 'resume' });
    // Writes have drained: copy what is left so the file is whole without its WAL.
    checkpoint('PASSIVE');
    database.close();
    parentPort.postMessage({ type: 'stopped' });
    parentPort.close();
  }
});

timer = setTimeout(round, intervalMs);
