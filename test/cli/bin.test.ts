// The CLI as a user runs it: the `costops` bin in a child process, exit codes and output streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/costops.mjs', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

test('costops estimate --json prints the SPEC fields and exits 0', () => {
  const result = run('estimate', '--model', 'gpt-4o', '--text', 'Hello, how are you?', '--max-output', '500', '--json');
  assert.equal(result.status, 0, result.stderr);
  const json = JSON.parse(result.stdout);
  assert.deepEqual(Object.keys(json), ['model', 'provider', 'input_tokens', 'input_tokens_exact', 'max_output_tokens', 'input_cost_usd', 'max_cost_usd', 'context_window', 'price_id']);
  assert.equal(json.input_tokens, 13);
  assert.equal(json.max_cost_usd, '0.005032500');
});

test('costops prices: unknown model exits 1 with one line on stderr; usage error exits 2', () => {
  const unknown = run('prices', 'gpt-4x');
  assert.equal(unknown.status, 1);
  assert.equal(unknown.stdout, '');
  assert.equal(unknown.stderr.trim().split('\n').length, 1);
  assert.match(unknown.stderr, /did you mean: gpt-4, gpt-4o, gpt-4\.1\?$/m);
  const usage = run('estimate', '--model');
  assert.equal(usage.status, 2);
  const help = run('--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: costops/);
});
