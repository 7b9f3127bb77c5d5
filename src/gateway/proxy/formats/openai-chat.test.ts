import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChat } from './openai-chat.ts';

const event = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
const delta = (content: string, extra: Record<string, unknown> = {}) => ({ id: 'c1', model: 'gpt-4o-mini-2024-07-18', choices: [{ index: 0, delta: { content } }], usage: null, ...extra });

test('stream meter: text in order, served model from the first chunk, the usage chunk stripped unless asked for', () => {
  const meter = openaiChat.createStreamMeter({ clientWantsUsage: false });
  const passed = [
    event({ id: 'c1', model: 'gpt-4o-mini-2024-07-18', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }], usage: null }),
    event(delta('Hel')),
    event(delta('lo')),
    event(delta(' "usage": {not json}')),
    event({ id: 'c1', model: 'gpt-4o-mini-2024-07-18', choices: [], usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } }),
  ].map((raw) => meter.onEvent(raw));
  assert.equal(passed.filter((raw) => raw !== undefined).length, 4, 'the usage-only chunk is held back');
  assert.equal(meter.onEvent(event('[DONE]')), undefined);
  assert.deepEqual([meter.finalUsage()?.inputTokens, meter.finalUsage()?.outputTokens, meter.model()], [12, 3, 'gpt-4o-mini-2024-07-18']);
  assert.equal(meter.outputText(), 'Hello "usage": {not json}');
  assert.equal(meter.finish('0.000001'), 'data: [DONE]\n\n');
});

test('stream meter: usage in every chunk (cumulative) and spaced JSON; the last snapshot wins, text stays in order', () => {
  const meter = openaiChat.createStreamMeter({ clientWantsUsage: true });
  meter.onEvent(event(delta('a')));
  meter.onEvent(event(delta('b')));
  meter.onEvent(event(delta('c', { usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } })));
  meter.onEvent(event(delta('d')));
  meter.onEvent('data: {"id":"c1","choices":[],"usage" : {"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}\n\n');
  assert.equal(meter.outputText(), 'abcd');
  assert.deepEqual([meter.finalUsage()?.inputTokens, meter.finalUsage()?.outputTokens], [5, 4]);
  // the upstream's own JSON, as sent, gains the cost as its last field
  assert.equal(meter.finish('0.000002'), 'data: {"id":"c1","choices":[],"usage" : {"prompt_tokens":5,"completion_tokens":4,"total_tokens":9},"costops":{"cost_usd":"0.000002"}}\n\n');
  const unpriced = openaiChat.createStreamMeter({ clientWantsUsage: true });
  unpriced.onEvent('data: { "id": "c2", "choices": [], "usage": { "prompt_tokens": 1, "completion_tokens": 1 } }\r\n\r\n');
  const tail = unpriced.finish(null);
  assert.deepEqual(JSON.parse(tail.slice('data: '.length)), { id: 'c2', choices: [], usage: { prompt_tokens: 1, completion_tokens: 1 }, costops: { cost_usd: null } });
  assert.ok(tail.endsWith('}\n\n'));
});

test('stream meter: a stream cut before any usage still yields its text for the estimate', () => {
  const meter = openaiChat.createStreamMeter({ clientWantsUsage: false });
  for (const piece of ['one ', 'two ', 'three']) meter.onEvent(event(delta(piece)));
  assert.equal(meter.finalUsage(), undefined);
  assert.equal(meter.outputText(), 'one two three');
  assert.equal(meter.outputText(), 'one two three', 'asking twice does not count twice');
});
