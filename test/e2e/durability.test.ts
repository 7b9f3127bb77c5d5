// SPEC §1.2 / §7 durability: SIGKILL the gateway in the middle of a burst of 500 requests; after a
// restart, every request whose response the client received complete has a finalized ledger row,
// and rows the dead process left `started` are settled as unknown_outcome.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeUpstream, slowChunks, type FakeUpstream } from '../support/fake-upstream/index.ts';
import { openSqliteLedgerStore } from '../../src/storage/index.ts';

const bin = fileURLToPath(new URL('../../bin/costops.mjs', import.meta.url));
let fake: FakeUpstream;
let dir: string;

before(async () => {
  fake = await startFakeUpstream();
  dir = mkdtempSync(join(tmpdir(), 'costops-durability-'));
  writeFileSync(
    join(dir, 'costops.config.yaml'),
    [
      'server: { port: 0 }',
      `storage: { url: "sqlite:${join(dir, 'ledger.db')}" }`,
      'providers:',
      `  - { name: openai, kind: openai, base_url: "${fake.url}/v1", api_key: "sk-test-upstream", models: ["*"] }`,
    ].join('\n'),
  );
});
after(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function startServe(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--config', join(dir, 'costops.config.yaml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    });
    child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
  });
}

test('SIGKILL mid-burst loses no acknowledged request', { timeout: 60_000 }, async () => {
  // slow streams keep some requests in flight when the process dies
  fake.script((request) => (request.stream ? { ...slowChunks(20), chunks: 6 } : { usage: { promptTokens: 100, outputTokens: 20 } }), { times: Infinity });
  const first = await startServe();
  const completed: string[] = [];
  let finished = 0;
  const total = 500;
  const one = async (index: number) => {
    const stream = index % 5 === 0;
    try {
      const response = await fetch(`${first.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: `request ${index}` }] }),
      });
      const text = await response.text();
      const complete = response.status === 200 && (stream ? text.includes('data: [DONE]') : text.endsWith('}'));
      if (complete) completed.push(response.headers.get('x-costops-request-id')!);
    } catch {
      // cut by the kill: the client never got a complete response
    } finally {
      finished++;
    }
  };
  const killed = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (completed.length >= 150) {
        clearInterval(timer);
        first.child.kill('SIGKILL');
        resolve();
      }
    }, 1);
  });
  const burst: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    burst.push(one(index));
    if (index % 25 === 24) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await killed;
  await Promise.all(burst);
  assert.equal(finished, total);
  assert.ok(completed.length >= 150 && completed.length < total, `some but not all completed (${completed.length})`);

  if (first.child.exitCode === null && first.child.signalCode === null) await new Promise((resolve) => first.child.once('exit', resolve));
  // the dead process left its ledger journal (writes it acknowledged before reaching the file)
  assert.equal(readdirSync(dir).filter((name) => name.startsWith('ledger.db.journal-')).length, 1);
  // restart on the same ledger: the journal is replayed, recovery settles what was left open
  const second = await startServe();
  second.child.kill('SIGTERM');
  await new Promise((resolve) => second.child.once('exit', resolve));

  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('.journal-')), [], `replayed, and the second process closed its own (first ${first.child.pid}, second ${second.child.pid}, exit ${second.child.exitCode} ${second.child.signalCode})`);
  const store = await openSqliteLedgerStore({ path: join(dir, 'ledger.db') });
  try {
    for (const id of completed) {
      const row = await store.getRequest(id);
      assert.ok(row, `row ${id} exists`);
      assert.equal(row.status, 'ok', `row ${id} finalized`);
      assert.ok(row.costUsd !== null && row.costUsd > 0n);
    }
    const open = await store.listRequests({ status: 'started', limit: 1000 });
    assert.equal(open.rows.length, 0, 'no row is left started after a restart');
    const usage = await store.usage({ groupBy: ['status'] });
    const byStatus = Object.fromEntries(usage.data.map((group) => [group.group['status'], group.requests]));
    assert.ok((byStatus['ok'] ?? 0) >= completed.length);
  } finally {
    await store.close();
  }
});
