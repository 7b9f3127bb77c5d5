import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { cutAfterEvents, failMidStream, overloaded, rateLimited, splitWrites, startFakeUpstream, type FakeUpstream } from './index.ts';

// The official SDKs must read the fake's wire format as they read the real one.
let fake: FakeUpstream;
let openai: OpenAI;
let anthropic: Anthropic;
before(async () => {
  fake = await startFakeUpstream();
  openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${fake.url}/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: 'sk-ant-test', baseURL: fake.url, maxRetries: 0 });
});
after(() => fake.close());
beforeEach(() => fake.reset());

const messages = [{ role: 'user' as const, content: 'Hello SDK' }];

test('openai: chat completion and a streamed one with the usage chunk (split at awkward bytes)', async () => {
  fake.script({ usage: { promptTokens: 12, cachedTokens: 4, outputTokens: 6 } });
  const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages });
  assert.equal(completion.choices[0]?.message.content, 'Fake reply from gpt-4o to: Hello SDK');
  assert.equal(completion.usage?.prompt_tokens_details?.cached_tokens, 4);

  fake.script({ ...splitWrites(), usage: { promptTokens: 12, outputTokens: 6 } });
  const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } });
  let text = '';
  let usage: OpenAI.CompletionUsage | null | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(text, completion.choices[0]?.message.content);
  assert.equal(usage?.total_tokens, 18);
  assert.equal(fake.requests[1]!.headers.authorization, 'Bearer sk-test');
});

test('openai: responses stream helper collects the final response with usage', async () => {
  fake.script({ usage: { promptTokens: 30, outputTokens: 10, reasoningTokens: 4 } });
  const stream = openai.responses.stream({ model: 'o3-mini', input: 'Hello SDK' });
  let deltas = '';
  stream.on('response.output_text.delta', (event) => (deltas += event.delta));
  const final = await stream.finalResponse();
  assert.equal(final.output_text, 'Fake reply from o3-mini to: Hello SDK');
  assert.equal(deltas, final.output_text);
  assert.equal(final.usage?.output_tokens_details.reasoning_tokens, 4);
});

test('openai: embeddings decode from the base64 the SDK asks for by default', async () => {
  const result = await openai.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 5 });
  assert.equal(fake.requests[0]!.body && (fake.requests[0]!.body as { encoding_format?: string }).encoding_format, 'base64');
  assert.equal(result.data.length, 2);
  assert.equal(result.data[0]?.embedding.length, 5);
  assert.ok(Math.abs(Math.hypot(...result.data[0]!.embedding) - 1) < 1e-6);
});

test('openai: a 429 becomes RateLimitError with the headers; an in-stream error throws', async () => {
  fake.script(rateLimited({ retryAfter: 1 }));
  await assert.rejects(openai.chat.completions.create({ model: 'gpt-4o', messages }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.RateLimitError);
    assert.equal(error.headers?.get('x-ratelimit-remaining-requests'), '0');
    return true;
  });
  fake.script(failMidStream(2));
  const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
  await assert.rejects(async () => {
    for await (const chunk of stream) void chunk;
  }, OpenAI.APIError);
});

test('anthropic: message, streamed message (cumulative usage), count_tokens', async () => {
  const usage = { promptTokens: 120, cachedTokens: 50, cacheWrite5mTokens: 20, cacheWrite1hTokens: 10, outputTokens: 15 };
  fake.script({ usage }, { times: 2 });
  const message = await anthropic.messages.create({ model: 'claude-test-model', max_tokens: 100, messages });
  assert.deepEqual(message.content[0], { type: 'text', text: 'Fake reply from claude-test-model to: Hello SDK' });
  assert.equal(message.usage.cache_creation?.ephemeral_1h_input_tokens, 10);

  const stream = anthropic.messages.stream({ model: 'claude-test-model', max_tokens: 100, messages });
  const final = await stream.finalMessage();
  assert.deepEqual(final.content, message.content);
  assert.equal(final.usage.output_tokens, 15);
  assert.equal(final.usage.input_tokens, 40);
  assert.equal(final.usage.cache_read_input_tokens, 50);
  assert.equal(final.usage.cache_creation_input_tokens, 30);
  // SDK 1.x authenticates with a Bearer token; older ones send x-api-key (the gateway must accept both).
  const { headers } = fake.requests[1]!;
  assert.ok(headers['x-api-key'] === 'sk-ant-test' || headers.authorization === 'Bearer sk-ant-test');

  fake.script({ usage: { promptTokens: 99 } });
  assert.deepEqual(await anthropic.messages.countTokens({ model: 'claude-test-model', messages }), { input_tokens: 99 });
});

test('anthropic: 529 overloaded and a cut stream both surface as SDK errors', async () => {
  fake.script(overloaded());
  await assert.rejects(anthropic.messages.create({ model: 'claude-test-model', max_tokens: 10, messages }), (error: unknown) => {
    assert.ok(error instanceof Anthropic.APIError);
    assert.equal(error.status, 529);
    return true;
  });
  fake.script(cutAfterEvents(3));
  const stream = anthropic.messages.stream({ model: 'claude-test-model', max_tokens: 10, messages });
  await assert.rejects(stream.finalMessage());
});
