import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatUsd } from '../../core/money/index.ts';
import { main } from '../main.ts';
import { bufferIo } from '../io.ts';
import { defaultCliDeps } from './index.ts';

const deps = { ...defaultCliDeps, clock: { now: () => new Date('2026-11-25T12:00:00Z') } };
const dir = mkdtempSync(join(tmpdir(), 'costops-estimate-'));

async function run(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io, deps);
  return { code, ...io };
}

test('estimate --json for gpt-4o: exact count, worst case at the model maximum', async () => {
  const { code, stdout } = await run('estimate', '--model', 'gpt-4o', '--text', 'Hello, how are you?', '--json');
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(stdout), {
    model: 'gpt-4o',
    provider: 'openai',
    input_tokens: 13, // 6 text tokens + 3 per message + 1 role + 3 reply priming
    input_tokens_exact: true,
    max_output_tokens: 16384,
    input_cost_usd: '0.000032500',
    max_cost_usd: '0.163872500',
    context_window: 128000,
    price_id: 'openai:gpt-4o@base',
  });
});

test('--raw counts the bare text; --max-output caps the worst case', async () => {
  const { stdout } = await run('estimate', '--model', 'openai/gpt-4o-2024-08-06', '--text', 'Hello, how are you?', '--raw', '--max-output', '500', '--json');
  const json = JSON.parse(stdout);
  assert.equal(json.input_tokens, 6);
  assert.equal(json.max_output_tokens, 500);
  assert.equal(json.max_cost_usd, '0.005015000'); // 6 × 2.5/1M + 500 × 10/1M
});

test('non-OpenAI models are estimates, said so', async () => {
  const { code, stdout } = await run('estimate', '--model', 'claude-sonnet-4-0', '--text', 'Write a haiku about budgets.');
  assert.equal(code, 0);
  assert.match(stdout, /input tokens\s+\d+ \(estimate: o200k_base × [\d.]+ for anthropic, expected error ±\d+%\)/);
  assert.match(stdout, /max output\s+64,000 tokens \(model maximum\)/);
});

test('--messages reads an OpenAI message array or {messages, tools}', async () => {
  const file = join(dir, 'messages.json');
  writeFileSync(file, JSON.stringify([{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'Hi', name: 'bob' }]));
  const array = JSON.parse((await run('estimate', '--model', 'gpt-4o', '--messages', file, '--json')).stdout);
  assert.equal(array.input_tokens_exact, true);
  writeFileSync(file, JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }], tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }] }));
  const withTools = JSON.parse((await run('estimate', '--model', 'gpt-4o', '--messages', file, '--json')).stdout);
  assert.ok(withTools.input_tokens > 8);
});

test('gemini-2.5-pro over 200k tokens is priced at the higher tier', async () => {
  const file = join(dir, 'long.txt');
  writeFileSync(file, 'hello '.repeat(250_000));
  const json = JSON.parse((await run('estimate', '--model', 'gemini-2.5-pro', '--file', file, '--raw', '--max-output', '1000', '--json')).stdout);
  assert.ok(json.input_tokens > 200_000);
  assert.equal(json.input_tokens_exact, false);
  // every token at the >200k rates: 2.5 in, 15 out per 1M
  const expected = BigInt(json.input_tokens) * 2500n + 1000n * 15000n;
  assert.equal(json.max_cost_usd, formatUsd(expected));
});

test('errors: unknown model (1, with suggestions), input over the window (1), usage errors (2)', async () => {
  const unknown = await run('estimate', '--model', 'gpt-4x', '--text', 'hi');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^costops: unknown model "gpt-4x"; did you mean: gpt-4, gpt-4o, gpt-4\.1\?\n$/);

  const big = join(dir, 'big.txt');
  writeFileSync(big, 'hello '.repeat(130_000));
  const tooLong = await run('estimate', '--model', 'gpt-4o', '--file', big);
  assert.equal(tooLong.code, 1);
  assert.match(tooLong.stderr, /the input is 130,00\d tokens but gpt-4o has a context window of 128,000/);

  const over = await run('estimate', '--model', 'gpt-4o', '--text', 'hi', '--max-output', '200000');
  assert.equal(over.code, 1);
  assert.match(over.stderr, /exceeds gpt-4o's context window of 128,000; lower --max-output to at most/);

  assert.equal((await run('estimate', '--model', 'gpt-4o')).code, 2);
  assert.equal((await run('estimate', '--text', 'hi')).code, 2);
  assert.equal((await run('estimate', '--model', 'gpt-4o', '--text', 'a', '--file', 'b')).code, 2);
  assert.equal((await run('estimate', '--model', 'gpt-4o', '--text', 'a', '--max-output', '-3')).code, 2);
  const missing = await run('estimate', '--model', 'gpt-4o', '--file', join(dir, 'nope.txt'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read --file .*nope\.txt: ENOENT/);
  const badJson = join(dir, 'bad.json');
  writeFileSync(badJson, '{"messages": [');
  assert.match((await run('estimate', '--model', 'gpt-4o', '--messages', badJson)).stderr, /is not valid JSON/);
});

test('--help works for the command and the program', async () => {
  const help = await run('estimate', '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--max-output <n>/);
  const top = await run('--help');
  assert.match(top.stdout, /estimate/);
  assert.match(top.stdout, /prices/);
});
