/**
 * Group commit: writes issued in the same event-loop turn are applied in one transaction, and
 * each write's promise settles only after that transaction committed. Callers await durability
 * per row while the database pays one commit (one WAL sync point) per batch.
 *
 * The queue is flushed on `setImmediate`, once every write of the turn (and the promise
 * continuations it triggered) has joined. A synchronous `commit` (better-sqlite3) runs and settles
 * its batch inside that callback: a lone write costs one `setImmediate` and no other await. An
 * asynchronous `commit` (a network database) is awaited, and what arrives meanwhile forms the
 * next batch.
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface GroupCommitOptions<Item, Result> {
  /**
   * Applies the items, in order, in one transaction. Returns one outcome per item (an item may
   * fail on its own, e.g. a finalize of an unknown id); throws (or rejects) when the transaction
   * failed. May return synchronously.
   */
  commit: (items: readonly Item[]) => Settled<Result>[] | Promise<Settled<Result>[]>;
  /** Turns what `commit` threw into the error the affected promises reject with. */
  toError?: (error: unknown) => unknown;
  /** Bounds one transaction's size (default 10,000 writes); a bigger turn spans several. */
  maxBatchSize?: number;
  /** Called after each committed transaction (metrics, tests). */
  onBatch?: (info: { size: number }) => void;
}

export interface GroupCommit<Item, Result> {
  enqueue(item: Item): Promise<Result>;
  /** Resolves once everything enqueued so far has settled. */
  drain(): Promise<void>;
}

interface Batch<Item, Result> {
  items: Item[];
  resolves: ((value: Result) => void)[];
  rejects: ((error: unknown) => void)[];
}

/** Creates a group committer over `options.commit`. */
export function createGroupCommit<Item, Result>(options: GroupCommitOptions<Item, Result>): GroupCommit<Item, Result> {
  const maxBatchSize = options.maxBatchSize ?? 10_000;
  const toError = options.toError ?? ((error: unknown) => error);
  const onBatch = options.onBatch;
  // Parallel arrays rather than one record per write: enqueue allocates only its promise.
  let queue: Batch<Item, Result> = emptyBatch();
  let scheduled = false;
  /** Set while an asynchronous commit is in flight; the next flush waits for it. */
  let inFlight: Promise<void> | undefined;
  let drainWaiters: (() => void)[] = [];

  function schedule(): void {
    if (scheduled || inFlight !== undefined) return;
    scheduled = true;
    setImmediate(flush);
  }

  function flush(): void {
    scheduled = false;
    while (queue.items.length > 0) {
      const pending = commitBatch(takeBatch());
      if (pending !== undefined) {
        inFlight = pending.then(() => {
          inFlight = undefined;
          // Writes that arrived during the commit wait one more turn, so their neighbours join.
          if (queue.items.length > 0) schedule();
          else settleDrain();
        });
        return;
      }
    }
    settleDrain();
  }

  function takeBatch(): Batch<Item, Result> {
    if (queue.items.length <= maxBatchSize) {
      const batch = queue;
      queue = emptyBatch();
      return batch;
    }
    const batch = {
      items: queue.items.splice(0, maxBatchSize),
      resolves: queue.resolves.splice(0, maxBatchSize),
      rejects: queue.rejects.splice(0, maxBatchSize),
    };
    return batch;
  }

  /** Commits one batch; returns a promise only when `commit` was asynchronous. */
  function commitBatch(batch: Batch<Item, Result>): Promise<void> | undefined {
    let result: Settled<Result>[] | Promise<Settled<Result>[]>;
    try {
      result = options.commit(batch.items);
    } catch (error) {
      return retryAlone(batch, error);
    }
    if (Array.isArray(result)) {
      settleBatch(batch, result);
      return undefined;
    }
    return result.then(
      (outcomes) => settleBatch(batch, outcomes),
      (error: unknown) => retryAlone(batch, error),
    );
  }

  /** The transaction rolled back: retry each write alone so only the culprit fails. */
  function retryAlone(batch: Batch<Item, Result>, error: unknown): Promise<void> | undefined {
    if (batch.items.length === 1) {
      batch.rejects[0]!(toError(error));
      return undefined;
    }
    let index = 0;
    const next = (): Promise<void> | undefined => {
      while (index < batch.items.length) {
        const single = { items: [batch.items[index]!], resolves: [batch.resolves[index]!], rejects: [batch.rejects[index]!] };
        index++;
        const pending = commitBatch(single);
        if (pending !== undefined) return pending.then(next);
      }
      return undefined;
    };
    return next();
  }

  function settleBatch(batch: Batch<Item, Result>, outcomes: Settled<Result>[]): void {
    onBatch?.({ size: batch.items.length });
    const { resolves, rejects } = batch;
    for (let index = 0; index < resolves.length; index++) {
      const outcome = outcomes[index];
      if (outcome === undefined) rejects[index]!(toError(new Error('group commit lost an outcome')));
      else if (outcome.ok) resolves[index]!(outcome.value);
      else rejects[index]!(outcome.error);
    }
  }

  function settleDrain(): void {
    if (drainWaiters.length === 0) return;
    const waiters = drainWaiters;
    drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  return {
    enqueue(item) {
      return new Promise<Result>((resolve, reject) => {
        queue.items.push(item);
        queue.resolves.push(resolve);
        queue.rejects.push(reject);
        schedule();
      });
    },
    drain() {
      if (!scheduled && inFlight === undefined && queue.items.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => drainWaiters.push(resolve));
    },
  };
}

function emptyBatch<Item, Result>(): Batch<Item, Result> {
  return { items: [], resolves: [], rejects: [] };
}
