import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import type { Clock, CounterStore } from '../../core/ports/index.ts';
import { createMemoryCounterStore } from '../../storage/memory/index.ts';
import { rateLimitSchema, type RateLimitConfig } from '../config/index.ts';
import { createRateLimiter, type AdmitRequest, type AdmitResult } from './create-rate-limiter.ts';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');

/** A clock the test moves by hand: no sleeps. */
function manualClock(start = T0) {
  let now = start;
  const clock: Clock = { now: () => new Date(now) };
  return { clock, set: (ms: number) => void (now = start + ms) };
}

/** Rules as the gateway gets them: through the config schema. */
const rules = (input: unknown[]): RateLimitConfig[] => z.array(rateLimitSchema).parse(input);

function setup(input: unknown[]) {
  const store = createMemoryCounterStore();
  const time = manualClock();
  const limiter = createRateLimiter({ rules: rules(input), store, clock: time.clock });
  return { store, time, limiter };
}

const REQUEST: AdmitRequest = { keyId: 'key_01', tenant: 'acme', user: 'ann', model: 'gpt-4o', inputTokens: 500, reservedOutputTokens: 1000 };

function refused(result: AdmitResult): Extract<AdmitResult, { ok: false }> {
  assert.equal(result.ok, false, 'expected a refusal');
  return result as Extract<AdmitResult, { ok: false }>;
}

test('no rules: admit is a no-op that never touches the store', async () => {
  const untouchable = new Proxy({} as CounterStore, {
    get: () => () => assert.fail('the store was called'),
  });
  const limiter = createRateLimiter({ rules: [], store: untouchable, clock: manualClock().clock });
  const first = limiter.admit(REQUEST);
  assert.equal(limiter.admit(REQUEST), first, 'one shared resolved promise');
  const result = await first;
  assert.ok(result.ok);
  assert.deepEqual(result.headers, {});
  await result.lease.settle(10);
  await result.lease.release();
});

test('rules that do not apply to the request: admitted without headers', async () => {
  const { limiter, store } = setup([{ scope: { tenant: 'globex' }, rpm: 1 }, { scope: { key: '*' }, rpm: 1 }]);
  for (let index = 0; index < 5; index++) {
    const result = await limiter.admit({ ...REQUEST, keyId: null, tenant: 'acme' });
    assert.ok(result.ok);
    assert.deepEqual(result.headers, {});
  }
  assert.equal(store.size, 0);
});

test('a burst of 100 against rpm 10: exactly 10 admitted, the rest told which limit and when to retry', async () => {
  const { limiter } = setup([{ scope: { key: '*' }, rpm: 10 }]);
  const results = await Promise.all(Array.from({ length: 100 }, () => limiter.admit(REQUEST)));
  assert.equal(results.filter((result) => result.ok).length, 10);
  const refusal = refused(results[99]!);
  assert.equal(refusal.error.code, 'rate_limited');
  assert.equal(refusal.error.status, 429);
  assert.equal(refusal.error.message, 'rate limit: 10 requests per minute for key key_01 reached; retry after 6 s');
  assert.equal(refusal.retryAfterSeconds, 6);
  assert.equal(refusal.retryAfterMs, 6000);
  assert.deepEqual(refusal.headers, {
    'x-ratelimit-limit-requests': '10',
    'x-ratelimit-remaining-requests': '0',
    'x-ratelimit-reset-requests': '1m0s',
    'retry-after': '6',
    'retry-after-ms': '6000',
  });
});

test('Retry-After is honoured: after exactly the wait the next request is admitted, not before', async () => {
  const { limiter, time } = setup([{ scope: { key: '*' }, rpm: 7 }]);
  for (let index = 0; index < 7; index++) assert.ok((await limiter.admit(REQUEST)).ok);
  const refusal = refused(await limiter.admit(REQUEST));
  assert.equal(refusal.retryAfterMs, 8572);
  assert.equal(refusal.retryAfterSeconds, 9);
  time.set(refusal.retryAfterMs! - 1);
  assert.equal((await limiter.admit(REQUEST)).ok, false);
  time.set(refusal.retryAfterMs!);
  assert.equal((await limiter.admit(REQUEST)).ok, true);
  assert.equal((await limiter.admit(REQUEST)).ok, false);
  // a client that waits the whole seconds of retry-after is also admitted
  time.set(refusal.retryAfterMs! + refusal.retryAfterSeconds! * 1000);
  assert.equal((await limiter.admit(REQUEST)).ok, true);
});

test('success headers: the requests trio and, with a tpm rule, the tokens trio', async () => {
  const { limiter } = setup([{ scope: { key: '*' }, rpm: 600, tpm: 200_000, concurrent: 20 }]);
  const result = await limiter.admit(REQUEST);
  assert.ok(result.ok);
  assert.deepEqual(result.headers, {
    'x-ratelimit-limit-requests': '600',
    'x-ratelimit-remaining-requests': '599',
    'x-ratelimit-reset-requests': '100ms',
    'x-ratelimit-limit-tokens': '200000',
    'x-ratelimit-remaining-tokens': '198500',
    'x-ratelimit-reset-tokens': '450ms',
  });
});

test('headers describe the tightest applicable rule', async () => {
  const { limiter } = setup([
    { scope: { key: '*' }, rpm: 600 },
    { scope: { tenant: 'acme' }, rpm: 100, tpm: 1_000_000 },
    { scope: { user: '*' }, tpm: 10_000 },
  ]);
  const result = await limiter.admit(REQUEST);
  assert.ok(result.ok);
  assert.equal(result.headers['x-ratelimit-limit-requests'], '100');
  assert.equal(result.headers['x-ratelimit-remaining-requests'], '99');
  assert.equal(result.headers['x-ratelimit-limit-tokens'], '10000');
  assert.equal(result.headers['x-ratelimit-remaining-tokens'], '8500');
});

test('tpm counts input + reserved output, and settle corrects it to what was used', async () => {
  const { limiter } = setup([{ scope: { user: '*' }, tpm: 3000 }]);
  const first = await limiter.admit(REQUEST); // counts 1500
  const second = await limiter.admit(REQUEST); // 3000: full
  assert.ok(first.ok && second.ok);
  const full = refused(await limiter.admit(REQUEST));
  assert.equal(full.error.message, 'rate limit: 3000 tokens per minute for user ann reached; this request counts 1500 tokens (500 input + 1000 reserved output); retry after 30 s');
  assert.equal(full.retryAfterMs, 30_000);
  assert.equal(full.headers['x-ratelimit-remaining-tokens'], '0');

  await first.lease.settle(600); // used 600, not 1500: 900 back at once
  await first.lease.settle(0); // only the first settle counts
  assert.equal(refused(await limiter.admit(REQUEST)).retryAfterMs, 12_000, '900 free, 600 short');
  await second.lease.settle(0); // used nothing: 1500 back
  const third = await limiter.admit(REQUEST);
  assert.ok(third.ok);
  assert.equal(third.headers['x-ratelimit-remaining-tokens'], '900');

  await third.lease.settle(4000); // used 2500 more than counted: later requests wait for it
  assert.equal(refused(await limiter.admit({ ...REQUEST, inputTokens: 1, reservedOutputTokens: 0 })).retryAfterMs, 32_020);
});

test('a request that alone exceeds a tpm limit is refused as never admissible, without retry-after', async () => {
  const { limiter } = setup([{ scope: { key: '*' }, rpm: 10, tpm: 1000 }]);
  const refusal = refused(await limiter.admit(REQUEST));
  assert.equal(
    refusal.error.message,
    'rate limit: this request counts 1500 tokens (500 input + 1000 reserved output), more than the 1000 tokens per minute allowed for key key_01, so it can never be admitted; lower max_tokens or send less input',
  );
  assert.equal(refusal.retryAfterSeconds, null);
  assert.equal(refusal.headers['retry-after'], undefined);
  assert.equal(refusal.headers['x-should-retry'], 'false');
  assert.equal(refusal.headers['x-ratelimit-remaining-tokens'], '1000');
  // and it took nothing from the rpm counter checked before it
  const fits = await limiter.admit({ ...REQUEST, reservedOutputTokens: 100 });
  assert.ok(fits.ok);
  assert.equal(fits.headers['x-ratelimit-remaining-requests'], '9');
});

test('all or nothing: a refusal by a later rule gives back what earlier rules took', async () => {
  const { limiter, store } = setup([{ scope: { key: '*' }, rpm: 10 }, { scope: { tenant: '*' }, tpm: 2000 }]);
  assert.ok((await limiter.admit(REQUEST)).ok);
  for (let index = 0; index < 20; index++) assert.equal((await limiter.admit(REQUEST)).ok, false);
  const peek = await store.consume('rl:key=key_01:rpm', { now: T0, limit: 10, periodMs: 60_000, cost: 0 });
  assert.equal(peek.remaining, 9, 'the 20 refused requests left the rpm counter as it was');
});

test('concurrency: slots are limited, a refused admit gives back its rpm, and release returns them (twice is safe)', async () => {
  const { limiter, store } = setup([{ scope: { key: '*' }, rpm: 100, concurrent: 3 }]);
  const results = await Promise.all(Array.from({ length: 5 }, () => limiter.admit(REQUEST)));
  const admitted = results.filter((result) => result.ok);
  assert.equal(admitted.length, 3);
  const refusal = refused(results[4]!);
  assert.equal(refusal.error.message, 'rate limit: 3 concurrent requests for key key_01 reached; retry when one of them finishes');
  assert.equal(refusal.retryAfterSeconds, 1);
  assert.equal(refusal.headers['retry-after'], '1');

  for (const result of admitted) {
    await result.lease.release();
    await result.lease.release();
  }
  await Promise.all(admitted.map((result) => result.lease.release()));
  // back to 0: exactly 3 fit again, not more
  const again = await Promise.all(Array.from({ length: 4 }, () => limiter.admit(REQUEST)));
  assert.equal(again.filter((result) => result.ok).length, 3);
  const next = again.find((result) => result.ok)!;
  assert.ok(next.ok);
  assert.equal(next.headers['x-ratelimit-remaining-requests'], String(100 - 3 - 1), 'the 2 + 1 refused took no rpm');
  for (const result of again) if (result.ok) await result.lease.release();
  assert.equal(await store.acquire('rl:key=key_01:concurrent', 3).then((slot) => slot.inFlight), 1);
});

test('a named key overrides the "*" default for that key only', async () => {
  const { limiter } = setup([{ scope: { key: '*' }, rpm: 2 }, { scope: { key: 'key_vip' }, rpm: 5 }]);
  const count = async (keyId: string) => {
    let admitted = 0;
    for (let index = 0; index < 10; index++) if ((await limiter.admit({ ...REQUEST, keyId })).ok) admitted++;
    return admitted;
  };
  assert.equal(await count('key_vip'), 5);
  assert.equal(await count('key_02'), 2);
});

test('each value of a "*" scope has its own counter; a multi-dimension scope says so in the message', async () => {
  const { limiter } = setup([{ scope: { tenant: '*', model: 'gpt-4o' }, tpm: 2000 }]);
  assert.ok((await limiter.admit(REQUEST)).ok);
  assert.ok((await limiter.admit({ ...REQUEST, tenant: 'globex' })).ok);
  assert.ok((await limiter.admit({ ...REQUEST, model: 'gpt-4o-mini' })).ok);
  assert.match(refused(await limiter.admit(REQUEST)).error.message, /^rate limit: 2000 tokens per minute for tenant acme and model gpt-4o reached/);
});

test('a global rule names all traffic', async () => {
  const { limiter } = setup([{ scope: { global: true }, rpm: 1 }]);
  assert.ok((await limiter.admit({ inputTokens: 0, reservedOutputTokens: 0 })).ok);
  assert.equal(refused(await limiter.admit(REQUEST)).error.message, 'rate limit: 1 request per minute for all traffic reached; retry after 60 s');
});

test('token counts must be whole numbers', async () => {
  const { limiter } = setup([{ scope: { key: '*' }, tpm: 1000 }]);
  await assert.rejects(limiter.admit({ ...REQUEST, inputTokens: -1 }), RangeError);
  await assert.rejects(limiter.admit({ ...REQUEST, reservedOutputTokens: 1.5 }), RangeError);
});
