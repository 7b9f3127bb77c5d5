import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../main.ts';
import { bufferIo } from '../io.ts';
import { defaultCliDeps } from './index.ts';

const at = (iso: string) => ({ ...defaultCliDeps, clock: { now: () => new Date(iso) } });

async function run(deps: ReturnType<typeof at>, ...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io, deps);
  return { code, ...io };
}

test('prices --json gives every class per 1M as decimal strings, null where absent', async () => {
  const { code, stdout } = await run(at('2026-11-25T00:00:00Z'), 'prices', 'gpt-4o', 'claude-sonnet-4-0', '--json');
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(stdout), [
    {
      model: 'gpt-4o', provider: 'openai', input_per_mtok: '2.5', cached_input_per_mtok: '1.25', cache_write_per_mtok: null,
      output_per_mtok: '10', batch_input_per_mtok: '1.25', batch_output_per_mtok: '5', context_window: 128000,
      max_output_tokens: 16384, source: 'genai-prices@0.1.8', effective_from: null,
    },
    {
      model: 'claude-sonnet-4-0', provider: 'anthropic', input_per_mtok: '3', cached_input_per_mtok: '0.3', cache_write_per_mtok: '3.75',
      output_per_mtok: '15', batch_input_per_mtok: '1.5', batch_output_per_mtok: '7.5', context_window: 200000,
      max_output_tokens: 64000, source: 'genai-prices@0.1.8', effective_from: null,
    },
  ]);
});

test('a price that changed is shown as in force at the time: o3 before and after 2025-06-10', async () => {
  const before = JSON.parse((await run(at('2025-06-01T00:00:00Z'), 'prices', 'o3', '--json')).stdout)[0];
  const after = JSON.parse((await run(at('2025-07-01T00:00:00Z'), 'prices', 'o3', '--json')).stdout)[0];
  assert.deepEqual([before.input_per_mtok, before.output_per_mtok, before.effective_from], ['10', '40', null]);
  assert.deepEqual([after.input_per_mtok, after.output_per_mtok, after.effective_from], ['2', '8', '2025-06-10']);
});

test('--provider lists one provider; the table names source and effective date', async () => {
  const { code, stdout } = await run(at('2026-11-25T00:00:00Z'), 'prices', '--provider', 'anthropic');
  assert.equal(code, 0);
  assert.match(stdout, /^model\s+provider\s+input\s+cached\s+cache write\s+output\s+batch in\s+batch out\s+context\s+max out\s+source\s+effective/);
  assert.match(stdout, /claude-sonnet-4-0\s+anthropic\s+3\s+0\.3\s+3\.75\s+15\s+1\.5\s+7\.5\s+200,000\s+64,000\s+genai-prices@0\.1\.8\s+base/);
  assert.doesNotMatch(stdout, /\bgpt-4o\b/);
  const json = JSON.parse((await run(at('2026-11-25T00:00:00Z'), 'prices', '--provider', 'google', '--json')).stdout);
  assert.ok(json.length > 10);
  assert.ok(json.every((row: { provider: string }) => row.provider === 'google'));
});

test('unknown model or provider exits 1 with one line', async () => {
  const model = await run(at('2026-11-25T00:00:00Z'), 'prices', 'claude-sonet-4');
  assert.equal(model.code, 1);
  assert.match(model.stderr, /^costops: unknown model "claude-sonet-4"; did you mean: [^\n]+\?\n$/);
  const provider = await run(at('2026-11-25T00:00:00Z'), 'prices', '--provider', 'nope');
  assert.equal(provider.code, 1);
  assert.match(provider.stderr, /unknown provider "nope"; known providers: openai, anthropic, google/);
  assert.equal((await run(at('2026-11-25T00:00:00Z'), 'prices', '--bogus')).code, 2);
});
