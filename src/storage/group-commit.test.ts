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
