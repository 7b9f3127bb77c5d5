import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGroupCommit, type Settled } from './group-commit.ts';

function recorder(fail: (item: number) => boolean = () => false) {
  const transactions: number[][] = [];
  const committer = createGroupCommit<number, number>({
    async commit(items) {
      if (items.some(fail)) throw new Error('rolled back');
      transactions.push([...items]);
      return items.map((item): Settled<number> => (item < 0 ? { ok: false, error: new Error(`bad ${item}`) } : { ok: true, value: item * 2 }));
    },
    toError: (error) => new TypeError(`wrapped: ${(error as Error).message}`),
  });
  return { committer, transactions };
}

test('writes issued in one turn commit in one transaction, and resolve after it', async () => {
  const { committer, transactions } = recorder();
  const results = await Promise.all([1, 2, 3, 4].map((item) => committer.enqueue(item)));
  assert.deepEqual(results, [2, 4, 6, 8]);
  assert.deepEqual(transactions, [[1, 2, 3, 4]]);
});

test('nothing resolves before its transaction committed', async () => {
  const { committer, transactions } = recorder();
  let seen: number[][] | undefined;
  await committer.enqueue(1).then(() => (seen = transactions.map((t) => [...t])));
  assert.deepEqual(seen, [[1]]);
});

test('writes issued while a transaction runs form the next batch', async () => {
  const { committer, transactions } = recorder();
  const first = committer.enqueue(1);
  const chained = first.then(() => Promise.all([committer.enqueue(2), committer.enqueue(3)]));
  await chained;
  assert.deepEqual(transactions, [[1], [2, 3]]);
});

test('a failing write is isolated: the others still commit, it rejects with the typed error', async () => {
  const { committer, transactions } = recorder((item) => item === 13);
  const outcomes = await Promise.allSettled([1, 13, 2].map((item) => committer.enqueue(item)));
  assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
  const rejected = outcomes[1] as PromiseRejectedResult;
  assert.ok(rejected.reason instanceof TypeError);
  assert.match(rejected.reason.message, /wrapped: rolled back/);
  assert.deepEqual(transactions, [[1], [2]]);
});

test('per-item failures reject only that item, without a retry', async () => {
  const { committer, transactions } = recorder();
  const outcomes = await Promise.allSettled([5, -1].map((item) => committer.enqueue(item)));
  assert.equal(outcomes[0]!.status, 'fulfilled');
  assert.equal(outcomes[1]!.status, 'rejected');
  assert.deepEqual(transactions, [[5, -1]]);
});

test('maxBatchSize splits a large turn, and drain waits for all of it', async () => {
  const sizes: number[] = [];
  const committer = createGroupCommit<number, number>({
    commit: async (items) => items.map((value) => ({ ok: true, value })),
    maxBatchSize: 3,
    onBatch: ({ size }) => sizes.push(size),
  });
  for (let i = 0; i < 7; i++) void committer.enqueue(i);
  await committer.drain();
  assert.deepEqual(sizes, [3, 3, 1]);
});

test('a synchronous commit settles its batch in the flushing turn, one batch per turn', async () => {
  const transactions: number[][] = [];
  const committer = createGroupCommit<number, number>({
    commit(items) {
      transactions.push([...items]);
      return items.map((value) => ({ ok: true, value: value + 1 }));
    },
  });
  const first = await committer.enqueue(1);
  const [second, third] = await Promise.all([committer.enqueue(2), committer.enqueue(3)]);
  assert.deepEqual([first, second, third], [2, 3, 4]);
  assert.deepEqual(transactions, [[1], [2, 3]]);
  await committer.drain();
});

test('a synchronous commit that throws is retried write by write, and drain waits for it', async () => {
  const transactions: number[][] = [];
  const committer = createGroupCommit<number, number>({
    commit(items) {
      if (items.includes(13)) throw new Error('rolled back');
      transactions.push([...items]);
      return items.map((value) => ({ ok: true, value }));
    },
    maxBatchSize: 2,
  });
  const outcomes = Promise.allSettled([1, 13, 2, 3].map((item) => committer.enqueue(item)));
  await committer.drain();
  assert.deepEqual((await outcomes).map((outcome) => outcome.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  assert.deepEqual(transactions, [[1], [2, 3]]);
});

test('a commit may be synchronous for one batch and asynchronous for the next', async () => {
  const transactions: number[][] = [];
  let hold: Promise<void> | undefined;
  const committer = createGroupCommit<number, number>({
    commit(items) {
      const run = () => {
        transactions.push([...items]);
        return items.map((value) => ({ ok: true as const, value }));
      };
      return hold === undefined ? run() : hold.then(run);
    },
  });
  assert.equal(await committer.enqueue(1), 1);
  let release!: () => void;
  hold = new Promise((resolve) => (release = resolve));
  const held = committer.enqueue(2);
  await new Promise((resolve) => setImmediate(resolve));
  const later = committer.enqueue(3); // arrives while the held batch waits: forms the next one
  hold = undefined;
  release();
  assert.deepEqual(await Promise.all([held, later]), [2, 3]);
  assert.deepEqual(transactions, [[1], [2], [3]]);
});
