import assert from 'node:assert/strict';
import { request as httpRequest, Agent } from 'node:http';
import { after, before, beforeEach, test } from 'node:test';
import { byHeader, byModel, byRoute, failWith, readJson, startFakeUpstream, type FakeUpstream } from './index.ts';

let fake: FakeUpstream;
before(async () => (fake = await startFakeUpstream()));
after(() => fake.close());
beforeEach(() => fake.reset());

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(fake.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

const chatFor = (model: string) => ({ model, messages: [{ role: 'user', content: 'hi' }] });

test('url is a loopback base URL; requests are recorded with method, path, headers, parsed body and time', async () => {
  assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const before = Date.now();
  await readJson(await post('/v1/chat/completions', chatFor('gpt-4o'), { authorization: 'Bearer sk-up', 'x-costops-user': 'ann' }));
  const [recorded] = fake.requests;
  assert.ok(recorded);
  assert.equal(recorded.method, 'POST');
  assert.equal(recorded.path, '/v1/chat/completions');
  assert.equal(recorded.route, 'openai.chat');
  assert.equal(recorded.provider, 'openai');
  assert.equal(recorded.model, 'gpt-4o');
  assert.equal(recorded.stream, false);
  assert.equal(recorded.headers.authorization, 'Bearer sk-up');
  assert.equal(recorded.headers['x-costops-user'], 'ann');
  assert.deepEqual(recorded.body, chatFor('gpt-4o'));
  assert.ok(recorded.time >= before && recorded.time <= Date.now());
  assert.equal(await recorded.settled, 'completed');
});

test('routes and models are recognised for all three providers', async () => {
  await (await post('/v1/messages', { model: 'claude-x', max_tokens: 5, messages: [] })).arrayBuffer();
  await (await post('/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse', { contents: [] })).arrayBuffer();
  assert.deepEqual(
    fake.requests.map((request) => [request.route, request.model, request.stream, request.query.get('alt')]),
    [
      ['anthropic.messages', 'claude-x', false, null],
      ['gemini.stream', 'gemini-2.0-flash', true, 'sse'],
    ],
  );
});

test('scripts answer in queue order, then the default takes over', async () => {
  fake.script(failWith(500)).script(failWith(429)).script({ text: 'third' });
  assert.equal(fake.pendingScripts(), 3);
  assert.equal((await post('/v1/chat/completions', chatFor('a'))).status, 500);
  assert.equal((await post('/v1/chat/completions', chatFor('a'))).status, 429);
  assert.equal((await readJson(await post('/v1/chat/completions', chatFor('a')))).choices[0].message.content, 'third');
  assert.match((await readJson(await post('/v1/chat/completions', chatFor('a')))).choices[0].message.content, /^Fake reply from a/);
  assert.equal(fake.pendingScripts(), 0);
});

test('predicates pick entries by model, header or route; times and Infinity', async () => {
  fake.script(failWith(503), { when: byModel('primary'), times: 2 });
  fake.script({ text: 'canary' }, { when: byHeader('x-costops-feature', 'canary'), times: Infinity });
  fake.script({ text: 'gemini' }, { when: byRoute('gemini.generate') });
  const status = async (model: string, headers?: Record<string, string>) => (await post('/v1/chat/completions', chatFor(model), headers)).status;
  assert.equal(await status('fallback'), 200);
  assert.equal(await status('primary'), 503);
  assert.equal(await status('primary'), 503);
  assert.equal(await status('primary'), 200);
  for (let index = 0; index < 3; index++) {
    const body = await readJson(await post('/v1/chat/completions', chatFor('x'), { 'x-costops-feature': 'canary' }));
    assert.equal(body.choices[0].message.content, 'canary');
  }
  const google = await readJson(await post('/v1beta/models/g:generateContent', { contents: [] }));
  assert.equal(google.candidates[0].content.parts[0].text, 'gemini');
  assert.equal(fake.pendingScripts(), 1);
});

test('a handler decides from the request; undefined means the default reply; async handlers work', async () => {
  fake.script(
    async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return request.model === 'big' ? { usage: { promptTokens: 9000, outputTokens: 1 } } : undefined;
    },
    { times: 2 },
  );
  assert.equal((await readJson(await post('/v1/chat/completions', chatFor('big')))).usage.prompt_tokens, 9000);
  assert.notEqual((await readJson(await post('/v1/chat/completions', chatFor('small')))).usage.prompt_tokens, 9000);
});

test('a throwing handler gives a 500 and keeps the error on the request', async () => {
  fake.script(() => {
    throw new Error('boom');
  });
  const response = await post('/v1/chat/completions', chatFor('a'));
  assert.equal(response.status, 500);
  assert.match((await readJson(response)).error.message, /boom/);
  assert.match(String(fake.requests[0]!.handlerError), /boom/);
});

test('a throwing respond() still gets the client a 500, and the server keeps serving', async () => {
  fake.script({
    respond: () => {
      throw new Error('respond broke');
    },
  });
  const response = await post('/v1/chat/completions', chatFor('a'));
  assert.equal(response.status, 500);
  assert.match((await readJson(response)).error.message, /respond broke/);
  assert.equal((await post('/v1/chat/completions', chatFor('a'))).status, 200);
});

test('impossible usage numbers are refused when scripted', () => {
  assert.throws(() => fake.script({ usage: { promptTokens: 10, cachedTokens: 20 } }), /promptTokens is smaller/);
  assert.throws(() => fake.script({ usage: { outputTokens: 1, reasoningTokens: 2 } }), /includes reasoningTokens/);
  assert.throws(() => fake.script({ usage: { outputTokens: 1.5 } }), /non-negative integer/);
});

test('count(prefix) and reset()', async () => {
  await (await post('/v1/chat/completions', chatFor('a'))).arrayBuffer();
  await (await post('/v1/embeddings', { model: 'e', input: 'x' })).arrayBuffer();
  await (await post('/v1beta/models/g:generateContent', { contents: [] })).arrayBuffer();
  assert.equal(fake.count(), 3);
  assert.equal(fake.count('/v1/'), 2);
  assert.equal(fake.count('/v1/chat'), 1);
  assert.equal(fake.count('/v1beta/'), 1);
  fake.script({ text: 'left over' });
  fake.reset();
  assert.equal(fake.count(), 0);
  assert.equal(fake.requests.length, 0);
  assert.equal(fake.pendingScripts(), 0);
});

test('unknown routes and invalid JSON get provider-format errors', async () => {
  const openai = await post('/v1/nothing', {});
  assert.equal(openai.status, 404);
  assert.equal((await readJson(openai)).error.type, 'invalid_request_error');
  const google = await post('/v1beta/nothing', {});
  assert.equal(google.status, 404);
  assert.equal((await readJson(google)).error.status, 'NOT_FOUND');
  const broken = await fetch(`${fake.url}/v1/messages`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01' }, body: '{"model":' });
  assert.equal(broken.status, 400);
  assert.equal((await readJson(broken)).type, 'error');
  assert.equal(fake.requests.at(-1)!.invalidJson, true);
});

test('defaults apply under every scripted scenario; apiKey requires the key', async () => {
  const own = await startFakeUpstream({ defaults: { usage: { promptTokens: 11, outputTokens: 2 } }, apiKey: 'sk-real' });
  try {
    const call = (headers: Record<string, string>, path = '/v1/chat/completions', body: unknown = chatFor('m')) =>
      fetch(own.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const denied = await call({ authorization: 'Bearer wrong' });
    assert.equal(denied.status, 401);
    assert.equal((await readJson(denied)).error.code, 'invalid_api_key');
    own.script({ text: 'scripted' });
    const allowed = await readJson(await call({ authorization: 'Bearer sk-real' }));
    assert.equal(allowed.choices[0].message.content, 'scripted');
    assert.equal(allowed.usage.prompt_tokens, 11);
    const anthropic = await call({ 'x-api-key': 'nope', 'anthropic-version': '2023-06-01' }, '/v1/messages', { model: 'c', max_tokens: 1, messages: [] });
    assert.equal((await readJson(anthropic)).error.type, 'authentication_error');
    const google = await fetch(`${own.url}/v1beta/models/g:generateContent?key=sk-real`, { method: 'POST', body: JSON.stringify({ contents: [] }) });
    assert.equal(google.status, 200);
    await google.arrayBuffer();
  } finally {
    await own.close();
  }
});

test('minimal mode keeps counts but no records', async () => {
  const own = await startFakeUpstream({ minimal: true });
  try {
    for (let index = 0; index < 3; index++) {
      const response = await fetch(`${own.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(chatFor('m')) });
      assert.equal(response.status, 200);
      await response.arrayBuffer();
    }
    assert.equal(own.count(), 3);
    assert.equal(own.requests.length, 0);
  } finally {
    await own.close();
  }
});

test('keep-alive: sequential requests reuse one connection', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = () =>
    new Promise<boolean>((resolve, reject) => {
      const request = httpRequest(`${fake.url}/v1/chat/completions`, { method: 'POST', agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(request.reusedSocket));
      });
      request.on('error', reject);
      request.end(JSON.stringify(chatFor('m')));
    });
  assert.equal(await send(), false);
  assert.equal(await send(), true);
  assert.equal(await send(), true);
  agent.destroy();
});

test('respond escape hatch writes the raw response', async () => {
  fake.script({
    respond: (_request, response) => {
      response.writeHead(418, { 'content-type': 'text/plain' });
      response.end('teapot');
    },
  });
  const response = await post('/v1/chat/completions', chatFor('m'));
  assert.equal(response.status, 418);
  assert.equal(await response.text(), 'teapot');
});
