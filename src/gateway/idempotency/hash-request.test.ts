import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { hashRequest, requestRoute } from './hash-request.ts';

test('the hash is SHA-256 hex of route, newline, body', () => {
  const expected = createHash('sha256').update('/v1/chat/completions\n{"model":"gpt-4o"}').digest('hex');
  assert.equal(hashRequest('/v1/chat/completions', '{"model":"gpt-4o"}'), expected);
  // the route is part of it: the same body on another endpoint is another request
  assert.notEqual(hashRequest('/v1/completions', '{"model":"gpt-4o"}'), expected);
  // bytes as sent: whitespace counts
  assert.notEqual(hashRequest('/v1/chat/completions', '{"model": "gpt-4o"}'), expected);
});

test('the route is the path plus Gemini\'s alt (it changes the wire format), never other parameters such as key', () => {
  const base = 'http://127.0.0.1:4000/v1beta/models/gemini-2.5-pro:streamGenerateContent';
  assert.equal(requestRoute(new URL(base).pathname, 'sse'), '/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
  assert.equal(requestRoute(new URL(base).pathname, undefined), '/v1beta/models/gemini-2.5-pro:streamGenerateContent');
  assert.equal(requestRoute('/v1/chat/completions', undefined), '/v1/chat/completions');
});
