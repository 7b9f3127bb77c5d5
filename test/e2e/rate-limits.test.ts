// Client-side rate limits through the real gateway (SPEC §9): exact admit counts, Retry-After and
// x-ratelimit-* headers, tpm corrected at settlement, concurrency slots back to 0 after aborted streams.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.ts';
import { slowChunks } from '../support/fake-upstream/index.ts';

let now = Date.parse('2026-11-25T10:00:00Z');
const clock = { now: () => new Date(now) };
let env: TestGateway;

before(async () => {
  env = await startTestGateway({
    config: {
      rate_limits: [
        { scope: { user: '*' }, rpm: 5 },
        { scope: { feature: 'batch' }, tpm: 1000 },
        { scope: { feature: 'chatty' }, concurrent: 2 },
      ],
    },
    gateway: { clock },
  });
});
after(() => env.close());
beforeEach(() => env.fake.reset());

const post = (headers: Record<string, string>, body: Record<string, unknown> = {}) =>
  fetch(`${env.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 10, ...body }),
  });

test('a burst of 20 against rpm 5 admits exactly 5; the rest get 429 with Retry-After, honoured exactly', async () => {
  const responses = await Promise.all(Array.from({ length: 20 }, () => post({ 'x-costops-user': 'burst' })));
  const statuses = responses.map((response) => response.status);
  assert.equal(statuses.filter((status) => status === 200).length, 5);
  assert.equal(statuses.filter((status) => status === 429).length, 15);
  assert.equal(env.fake.count('/v1/chat/completions'), 5, 'refused requests never reach the upstream');
  const refused = responses.find((response) => response.status === 429)!;
  assert.equal(refused.headers.get('retry-after'), '12');
  assert.equal(refused.headers.get('x-ratelimit-limit-requests'), '5');
  assert.equal(refused.headers.get('x-ratelimit-remaining-requests'), '0');
  const body = (await refused.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, 'rate_limited');
  assert.match(body.error.message, /5 requests per minute for user burst reached; retry after 12 s/);
  const admitted = responses.find((response) => response.status === 200)!;
  assert.equal(admitted.headers.get('x-ratelimit-limit-requests'), '5');
  // 11.999 s later: still refused; at 12 s: admitted again
  now += 11_999;
  assert.equal((await post({ 'x-costops-user': 'burst' })).status, 429);
  now += 1;
  assert.equal((await post({ 'x-costops-user': 'burst' })).status, 200);
  // other users have their own counter
  assert.equal((await post({ 'x-costops-user': 'someone-else' })).status, 200);
  // a stream (written straight to the socket) carries the same headers, counted the same way
  const stream = await post({ 'x-costops-user': 'someone-else' }, { stream: true });
  assert.equal(stream.status, 200);
  assert.deepEqual([stream.headers.get('x-ratelimit-limit-requests'), stream.headers.get('x-ratelimit-remaining-requests')], ['5', '3']);
  assert.match(await stream.text(), /data: \[DONE\]\n\n$/);
});

test('tpm counts input plus max output pre-flight and is corrected to actual usage', async () => {
  env.fake.script({ usage: { promptTokens: 10, outputTokens: 5 } }, { times: Infinity });
  // each request reserves its input (~8) + 300 max output; after settlement only 15 stay counted
  for (let index = 0; index < 10; index++) {
    const response = await post({ 'x-costops-feature': 'batch', 'x-costops-user': `tpm-${index}` }, { max_tokens: 300 });
    assert.equal(response.status, 200, `request ${index}`);
    assert.equal(response.headers.get('x-ratelimit-limit-tokens'), '1000');
  }
  const tooBig = await post({ 'x-costops-feature': 'batch', 'x-costops-user': 'tpm-big' }, { max_tokens: 5000 });
  assert.equal(tooBig.status, 429);
  assert.equal(tooBig.headers.get('x-should-retry'), 'false');
  env.fake.reset();
});

test('concurrency slots are released after aborted streams', async () => {
  env.fake.script({ ...slowChunks(50), chunks: 20 }, { times: Infinity });
  const client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: 'x', maxRetries: 0 });
  for (let round = 0; round < 3; round++) {
    const controllers = [new AbortController(), new AbortController()];
    const streams = await Promise.all(
      controllers.map((controller, index) =>
        client.chat.completions.create(
          { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'go' }] },
          { signal: controller.signal, headers: { 'x-costops-feature': 'chatty', 'x-costops-user': `c-${round}-${index}` } },
        ),
      ),
    );
    // a third concurrent request is refused while both slots are taken
    const third = await post({ 'x-costops-feature': 'chatty', 'x-costops-user': `c-${round}-third` });
    assert.equal(third.status, 429);
    await Promise.all(
      streams.map(async (stream, index) => {
        try {
          for await (const _chunk of stream) {
            controllers[index]!.abort();
          }
        } catch {
          // aborted
        }
      }),
    );
    // the gateway settles aborted rows asynchronously; wait until both slots are back
    let admitted = false;
    for (let attempt = 0; attempt < 50 && !admitted; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      env.fake.script({ usage: { promptTokens: 5, outputTokens: 1 } });
      const next = await post({ 'x-costops-feature': 'chatty', 'x-costops-user': `c-${round}-after` });
      admitted = next.status === 200;
    }
    assert.ok(admitted, `round ${round}: slots came back after the aborts`);
  }
  env.fake.reset();
});
