/**
 * Group commit: writes issued in the same event-loop turn are applied in one transaction, and
 * each write's promise settles only after that transaction committed. Callers await durability
 * per row while the database pays one commit (one WAL sync point) per batch.
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface GroupCommitOptions<Item, Result> {
  /**
   * Applies the items, in order, in one transaction. Returns one outcome per item (an item may
   * fail on its own, e.g. a finalize of an unknown id); throws when the transaction failed.
   */
  commit: (items: readonly Item[]) => Promise<Settled<Result>[]>;
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

interface Pending<Item, Result> {
  item: Item;
  resolve: (value: Result) => void;
  reject: (error: unknown) => void;
}

/** Creates a group committer over `options.commit`. */
export function createGroupCommit<Item, Result>(options: GroupCommitOptions<Item, Result>): GroupCommit<Item, Result> {
  const maxBatchSize = options.maxBatchSize ?? 10_000;
  const toError = options.toError ?? ((error: unknown) => error);
  let queue: Pending<Item, Result>[] = [];
  let running: Promise<void> | undefined;

  async function run(): Promise<void> {
    for (;;) {
      // Yield a full turn so every write issued meanwhile (including promise continuations) joins.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (queue.length === 0) break;
      const batch = queue.length <= maxBatchSize ? queue : queue.slice(0, maxBatchSize);
      queue = queue.length <= maxBatchSize ? [] : queue.slice(maxBatchSize);
      await commitBatch(batch);
    }
    running = undefined;
  }

  async function commitBatch(batch: Pending<Item, Result>[]): Promise<void> {
    let outcomes: Settled<Result>[];
    try {
      outcomes = await options.commit(batch.map((pending) => pending.item));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(toError(error));
        return;
      }
      // The transaction rolled back: retry each write alone so only the culprit fails.
      for (const pending of batch) await commitBatch([pending]);
      return;
    }
    options.onBatch?.({ size: batch.length });
    batch.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (outcome === undefined) pending.reject(toError(new Error('group commit lost an outcome')));
      else if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }

  return {
    enqueue(item) {
      return new Promise<Result>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        running ??= run();
      });
    },
    drain() {
      return running ?? Promise.resolve();
    },
  };
}
