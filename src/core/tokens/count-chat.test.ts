import { test } from 'node:test';
import assert from 'node:assert/strict';
import o200k from 'gpt-tokenizer/encoding/o200k_base';
import { COOKBOOK_MESSAGES, RECORDED_PROMPT_TOKENS } from './__fixtures__/recorded-prompt-tokens.ts';
import type { ChatRequest } from './chat-request.ts';
import { countChat } from './count-chat.ts';

for (const recorded of RECORDED_PROMPT_TOKENS) {
  test(`matches usage.prompt_tokens: ${recorded.name} (${recorded.source})`, () => {
    const count = countChat(recorded.request, { model: recorded.model });
    assert.equal(count.tokens, recorded.promptTokens);
    assert.equal(count.exact, true);
    assert.equal(count.method, 'chat-formula');
  });
}

test('gpt-tokenizer encodeChat is 2 short per named message on the cookbook conversation; we are not', () => {
  // encodeChat writes the name in place of the role (the 0301 format) and has no tokens_per_name.
  const library = o200k.encodeChat(
    COOKBOOK_MESSAGES.map(({ role, name, content }) => ({ role, ...(name ? { name } : {}), content: content as string })),
    'gpt-4o',
  ).length;
  assert.equal(library, 124 - 2 * 4); // 4 of the 6 messages have a name
  assert.equal(countChat({ messages: COOKBOOK_MESSAGES }, { model: 'gpt-4o' }).tokens, 124);
});

test('snapshots, router prefixes and fine-tunes count like their base model', () => {
  for (const model of ['gpt-4o-2024-08-06', 'openai/gpt-4o', 'ft:gpt-4o-mini-2024-07-18:acme::abc123']) {
    assert.equal(countChat({ messages: COOKBOOK_MESSAGES }, { model }).tokens, 124, model);
  }
});

const photo = (url: string, detail?: 'low' | 'high' | 'auto') => ({ type: 'image_url', image_url: { url, ...(detail ? { detail } : {}) } }) as const;
const withImage = (part: ReturnType<typeof photo>): ChatRequest => ({
  messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, part] }],
});
const textOnly: ChatRequest = { messages: [{ role: 'user', content: 'What is in this image?' }] };

test('image parts add the tile-rule tokens when the caller knows the size', () => {
  const base = countChat(textOnly, { model: 'gpt-4o' }).tokens;
  const sizes: Record<string, { width: number; height: number }> = { 'a.png': { width: 1024, height: 1024 }, 'b.png': { width: 2048, height: 4096 } };
  const imageSize = (part: { image_url: { url: string } }) => sizes[part.image_url.url];
  const square = countChat(withImage(photo('a.png', 'high')), { model: 'gpt-4o', imageSize });
  assert.equal(square.tokens, base + 765);
  assert.equal(square.imageTokens, 765);
  assert.equal(square.exact, true);
  assert.equal(countChat(withImage(photo('b.png')), { model: 'gpt-4o', imageSize }).tokens, base + 1105); // auto = high when known
  assert.equal(countChat(withImage(photo('b.png', 'low')), { model: 'gpt-4o', imageSize }).tokens, base + 85);
});

test('an image of unknown size counts as the worst case and says so', () => {
  const base = countChat(textOnly, { model: 'gpt-4o' }).tokens;
  const count = countChat(withImage(photo('https://example.com/cat.jpg')), { model: 'gpt-4o' });
  assert.equal(count.tokens, base + 85 + 8 * 170);
  assert.equal(count.exact, false);
  assert.match(count.notes?.join() ?? '', /image size unknown/);
  // low detail does not depend on the size, so it stays exact
  assert.equal(countChat(withImage(photo('https://example.com/cat.jpg', 'low')), { model: 'gpt-4o' }).exact, true);
});

test('inline base64 images are measured from their header', () => {
  const base = countChat(textOnly, { model: 'gpt-4o' }).tokens;
  const be32 = (value: number) => [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...be32(13), 0x49, 0x48, 0x44, 0x52, ...be32(1024), ...be32(1024), 8, 6, 0, 0, 0];
  const count = countChat(withImage(photo(`data:image/png;base64,${btoa(String.fromCharCode(...png))}`)), { model: 'gpt-4o' });
  assert.equal(count.tokens, base + 765);
  assert.equal(count.exact, true);
});

test('patch-priced models use their patch budget and multiplier', () => {
  const base = countChat(textOnly, { model: 'gpt-4.1-mini' }).tokens;
  const count = countChat(withImage(photo('x')), { model: 'gpt-4.1-mini', imageSize: () => ({ width: 1800, height: 2400 }) });
  assert.equal(count.imageTokens, Math.round(1452 * 1.62));
  assert.equal(count.tokens, base + Math.round(1452 * 1.62));
});

test('what the formula does not cover makes the count inexact, with a note', () => {
  const parallel = countChat(
    {
      messages: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'a', type: 'function', function: { name: 'plus', arguments: '{"numbers": [20, 70]}' } },
            { id: 'b', type: 'function', function: { name: 'product', arguments: '{"numbers": [30, 100]}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'a', content: '90' },
        { role: 'tool', tool_call_id: 'b', content: '3000' },
      ],
    },
    { model: 'gpt-4o' },
  );
  assert.equal(parallel.exact, false);
  assert.match(parallel.notes?.join() ?? '', /parallel tool calls/);
  const audio = countChat({ messages: [{ role: 'user', content: [{ type: 'input_audio' }] }] }, { model: 'gpt-4o' });
  assert.equal(audio.exact, false);
  const required = countChat({ ...textOnly, tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: 'required' }, { model: 'gpt-4o' });
  assert.equal(required.exact, false);
  assert.equal(countChat(textOnly, { model: 'gpt-oss-120b' }).exact, false);
});

test('a tool result without a name is counted under the name of the call it answers', () => {
  const call = { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_current_weather', arguments: '{}' } }] } as const;
  const named = countChat({ messages: [call, { role: 'tool', tool_call_id: 'c1', name: 'get_current_weather', content: '29' }] }, { model: 'gpt-4' });
  const unnamed = countChat({ messages: [call, { role: 'tool', tool_call_id: 'c1', content: '29' }] }, { model: 'gpt-4' });
  assert.equal(unnamed.tokens, named.tokens);
  assert.equal(unnamed.exact, true);
});

test('non-OpenAI models get the o200k chat count times their family factor, with the error stated', () => {
  const count = countChat({ messages: COOKBOOK_MESSAGES }, { model: 'claude-sonnet-4-5' });
  assert.equal(count.method, 'ratio-estimate');
  assert.equal(count.exact, false);
  assert.equal(count.estimate?.baseTokens, 124);
  assert.equal(count.estimate?.family, 'anthropic');
  assert.equal(count.tokens, Math.round(124 * count.estimate!.factor));
  assert.ok((count.expectedErrorPct ?? 0) > 0);
  const learned = countChat({ messages: COOKBOOK_MESSAGES }, { model: 'claude-sonnet-4-5', factors: { anthropic: { factor: 1.5, expectedErrorPct: 3, basis: 'test' } } });
  assert.equal(learned.tokens, 186);
  assert.equal(learned.expectedErrorPct, 3);
});
