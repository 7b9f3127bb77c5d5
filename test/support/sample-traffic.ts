/**
 * A small, known mix of real traffic for read-side tests (admin API, metrics, report, export):
 * sent through the gateway with the official OpenAI SDK against the fake upstream, each request
 * at a chosen time on a manual clock, so buckets and relative times are predictable.
 */
import OpenAI from 'openai';
import type { Clock } from '../../src/core/ports/index.ts';
import { failWith } from './fake-upstream/index.ts';
import type { TestGateway } from './start-test-gateway.ts';

export interface ManualClock extends Clock {
  set(iso: string): void;
}

export function manualClock(iso: string): ManualClock {
  let current = new Date(iso);
  return { now: () => new Date(current.getTime()), set: (next) => void (current = new Date(next)) };
}

interface Call {
  at: string;
  model: string;
  headers: Record<string, string>;
  usage?: { promptTokens: number; cachedTokens?: number; outputTokens: number; reasoningTokens?: number };
  fail?: boolean;
  stream?: boolean;
}

/** Six requests over two days: two models, three users, two features, tags, an upstream error, an unpriced model. */
export const SAMPLE_CALLS: readonly Call[] = [
  { at: '2026-03-01T09:10:00Z', model: 'gpt-4o', headers: { 'x-costops-user': 'alice', 'x-costops-feature': 'chat', 'x-costops-tags': 'team=search' }, usage: { promptTokens: 1000, outputTokens: 500 } },
  { at: '2026-03-01T09:40:00Z', model: 'gpt-4o-mini', headers: { 'x-costops-user': 'bob', 'x-costops-feature': 'summarize', 'x-costops-tags': 'team=ops,tier=gold' }, usage: { promptTokens: 2000, cachedTokens: 1024, outputTokens: 300 } },
  { at: '2026-03-01T11:05:00Z', model: 'gpt-4o', headers: { 'x-costops-user': 'alice', 'x-costops-feature': 'summarize', 'x-costops-tags': 'team=search' }, usage: { promptTokens: 333, outputTokens: 77 }, stream: true },
  { at: '2026-03-02T08:00:00Z', model: 'o3-mini', headers: { 'x-costops-user': 'carol', 'x-costops-feature': 'chat' }, usage: { promptTokens: 1200, cachedTokens: 512, outputTokens: 900, reasoningTokens: 640 } },
  { at: '2026-03-02T08:30:00Z', model: 'gpt-4o', headers: { 'x-costops-user': 'bob', 'x-costops-feature': 'chat' }, fail: true },
  { at: '2026-03-02T09:45:00Z', model: 'my-local-model', headers: { 'x-costops-user': 'carol', 'x-costops-feature': 'chat', 'x-costops-tags': 'team=ops' }, usage: { promptTokens: 50, outputTokens: 10 } },
];

/** Sends SAMPLE_CALLS through the gateway; returns the ledger ids in the order sent. */
export async function sendSampleTraffic(env: TestGateway, clock: ManualClock): Promise<string[]> {
  const client = new OpenAI({ baseURL: `${env.url}/v1`, apiKey: 'client-key', maxRetries: 0 });
  const ids: string[] = [];
  for (const call of SAMPLE_CALLS) {
    clock.set(call.at);
    env.fake.script(call.fail ? failWith(500, { message: 'upstream broke' }) : { usage: call.usage! });
    const options = { headers: call.headers };
    const messages = [{ role: 'user' as const, content: 'hello' }];
    if (call.stream) {
      const { response, data } = await client.chat.completions.create({ model: call.model, messages, stream: true }, options).withResponse();
      for await (const _chunk of data);
      ids.push(response.headers.get('x-costops-request-id')!);
      continue;
    }
    try {
      const { response } = await client.chat.completions.create({ model: call.model, messages }, options).withResponse();
      ids.push(response.headers.get('x-costops-request-id')!);
    } catch (error) {
      if (!call.fail || !(error instanceof OpenAI.APIError)) throw error;
      ids.push(error.headers?.get('x-costops-request-id') ?? '');
    }
  }
  // The gateway's ledger reaches the file within 50 ms (journaled writes); a read through its own
  // store hands everything over now, so readers of the file (the CLI) see all of it.
  await env.gateway.store.listRequests({ limit: 1 });
  return ids;
}
