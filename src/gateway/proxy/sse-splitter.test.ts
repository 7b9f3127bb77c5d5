import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSseEvent, SseSplitter } from './sse-splitter.ts';

const encode = (text: string) => new TextEncoder().encode(text);

test('events split across chunks at every byte boundary come out whole', () => {
  const stream = 'data: {"a":1}\n\nevent: x\ndata: {"b":"é"}\r\n\r\ndata: [DONE]\n\n';
  const bytes = encode(stream);
  for (let cut = 1; cut < bytes.length; cut++) {
    const splitter = new SseSplitter();
    const events = [...splitter.push(bytes.slice(0, cut)), ...splitter.push(bytes.slice(cut)), ...splitter.end()];
    assert.deepEqual(events, ['data: {"a":1}\n\n', 'event: x\ndata: {"b":"é"}\r\n\r\n', 'data: [DONE]\n\n'], `cut at ${cut}`);
  }
});

test('an event without a final blank line is returned at end', () => {
  const splitter = new SseSplitter();
  assert.deepEqual(splitter.push(encode('data: 1\n\ndata: 2\n')), ['data: 1\n\n']);
  assert.deepEqual(splitter.end(), ['data: 2\n']);
});

test('parseSseEvent reads event name and joins data lines', () => {
  assert.deepEqual(parseSseEvent('event: message_start\ndata: {"x":1}\n\n'), { event: 'message_start', data: '{"x":1}' });
  assert.deepEqual(parseSseEvent(': ping\ndata: a\ndata: b\n\n'), { event: undefined, data: 'a\nb' });
  assert.deepEqual(parseSseEvent('data:[DONE]\r\n\r\n'), { event: undefined, data: '[DONE]' });
});
