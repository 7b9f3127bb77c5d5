import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicDialect } from './anthropic.ts';
import { geminiDialect, withRetryInfo } from './gemini.ts';
import { openaiDialect } from './openai.ts';
import { planReply } from './reply.ts';
import { FakeRequest } from './request.ts';
import { ScriptQueue, type ScriptOptions } from './scenarios.ts';
import { sleep, untilAborted, writePayloads, type WritePlan } from './sse.ts';
import type { Dialect, Provider, ReplyPlan, Scenario, ScenarioError, ScenarioHandler } from './types.ts';

export interface FakeUpstreamOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Benchmark mode: keep only per-path counts, no request records (no bodies, no headers, no outcomes). */
  minimal?: boolean;
  /** When set, requests must carry it (Bearer / x-api-key / x-goog-api-key / ?key=) or get the provider's auth error. */
  apiKey?: string;
  /** Applied under every scripted scenario (e.g. usage numbers for all replies); reset() keeps it. */
  defaults?: Scenario;
}

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`: the base URL to give the gateway for every provider. */
  readonly url: string;
  readonly port: number;
  /** Every request received since start or reset(), in arrival order (empty in `minimal` mode). */
  readonly requests: readonly FakeRequest[];
  /** Requests whose path starts with `pathPrefix` (all when omitted); works in `minimal` mode too. */
  count(pathPrefix?: string): number;
  /** Queues a scenario or a handler for the next matching request(s). Returns the fake, for chaining. */
  script(answer: Scenario | ScenarioHandler, options?: ScriptOptions): FakeUpstream;
  /** Resolves once `count(pathPrefix)` reaches `count` (rejects after `timeoutMs`, default 5000). */
  waitForRequests(count: number, options?: { pathPrefix?: string; timeoutMs?: number }): Promise<void>;
  /** Scripted entries not used up yet. */
  pendingScripts(): number;
  /** Forgets requests, counts and scripts (keeps `defaults`). */
  reset(): void;
  /** Ends hung and streaming exchanges (outcome `cut`) and stops listening. */
  close(): Promise<void>;
}

const DIALECTS: Record<Provider, Dialect> = { openai: openaiDialect, anthropic: anthropicDialect, gemini: geminiDialect };
const DEFAULT_FLUSH_DELAY_MS = 2;

/** Starts a fake OpenAI + Anthropic + Gemini upstream on a local port. */
export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const minimal = options.minimal ?? false;
  const defaults = options.defaults;
  const queue = new ScriptQueue();
  const requests: FakeRequest[] = [];
  const counts = new Map<string, number>();
  const active = new Set<AbortController>();
  const cut = new WeakSet<ServerResponse>();
  const waiters = new Set<() => void>();
  let sequence = 0;
  let closing = false;

  const server = createServer({ keepAliveTimeout: 60_000, requestTimeout: 0 }, (incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const rawBody = chunks.length === 0 ? '' : chunks.length === 1 ? chunks[0]!.toString() : Buffer.concat(chunks).toString();
      answer(incoming, response, rawBody).catch((error: unknown) => failed(response, error));
    });
  });
  server.headersTimeout = 61_000;

  async function answer(incoming: IncomingMessage, response: ServerResponse, rawBody: string): Promise<void> {
    const request = new FakeRequest({ id: ++sequence, method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: incoming.headers, rawBody });
    counts.set(request.path, (counts.get(request.path) ?? 0) + 1);
    for (const check of waiters) check();
    if (!minimal) {
      requests.push(request);
      response.once('close', () => request.settle(response.writableFinished ? 'completed' : closing || cut.has(response) ? 'cut' : 'aborted'));
    }
    const dialect = DIALECTS[request.provider];
    if (options.apiKey !== undefined && !hasKey(request, options.apiKey)) {
      const status = request.provider === 'gemini' ? 400 : 401;
      const message = request.provider === 'gemini' ? 'API key not valid. Please pass a valid API key.' : undefined;
      return sendError(response, request, dialect, {}, { status, ...(message ? { message } : {}) });
    }
    if (request.invalidJson) {
      return sendError(response, request, dialect, {}, { status: 400, message: 'We could not parse the JSON body of your request.' });
    }
    let scenario: Scenario;
    try {
      scenario = await resolveScenario(request);
    } catch (error) {
      request.handlerError = error;
      return failed(response, error);
    }
    if (scenario.respond !== undefined) return scenario.respond(request, response);

    const needsSignal = request.stream || scenario.hang === true || (scenario.firstByteDelayMs ?? 0) > 0 || scenario.splitWrites !== undefined;
    const signal = needsSignal ? trackAbort(response) : undefined;
    if (signal !== undefined) {
      if (scenario.hang === true) return untilAborted(signal);
      if ((scenario.firstByteDelayMs ?? 0) > 0) await sleep(scenario.firstByteDelayMs!, signal);
      if (signal.aborted) return;
    }
    if (scenario.error !== undefined) return sendError(response, request, dialect, scenario, scenario.error, signal);

    let plan: ReplyPlan;
    try {
      plan = planReply(request, scenario, request.id);
    } catch (error) {
      request.handlerError = error;
      return failed(response, error);
    }
    const lineEnding = scenario.lineEnding ?? dialect.lineEnding;
    const reply = dialect.reply(request, plan, lineEnding);
    const headers = { ...dialect.headers(request.id, scenario.rateLimit), ...retryHeader(scenario), ...scenario.headers };
    if (reply.kind === 'json') return sendJson(response, reply.status, reply.body, headers, scenario, signal);

    response.writeHead(200, { 'content-type': reply.contentType, 'cache-control': 'no-cache', ...headers });
    response.flushHeaders();
    const streamError = scenario.streamError;
    await writePayloads(response, reply.payloads, {
      ...writePlan(response, scenario, signal ?? trackAbort(response)),
      streamError: streamError && dialect.streamError(request, { status: 500, ...streamError }, lineEnding),
      streamErrorAfter: streamError?.afterEvents,
    });
  }

  /** A bug in a scenario or in the fake: answer 500 if still possible, never crash the test process. */
  function failed(response: ServerResponse, error: unknown): void {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const message = `fake upstream: ${error instanceof Error ? error.message : String(error)}`;
    sendJson(response, 500, { error: { message, type: 'fake_upstream_error' } }, {}, {}).catch(() => response.destroy());
  }

  async function resolveScenario(request: FakeRequest): Promise<Scenario> {
    const scripted = queue.take(request);
    const scenario = typeof scripted === 'function' ? ((await scripted(request)) ?? {}) : (scripted ?? {});
    return defaults === undefined ? scenario : { ...defaults, ...scenario };
  }

  function trackAbort(response: ServerResponse): AbortSignal {
    const controller = new AbortController();
    active.add(controller);
    response.once('close', () => {
      active.delete(controller);
      controller.abort();
    });
    return controller.signal;
  }

  function writePlan(response: ServerResponse, scenario: Scenario, signal: AbortSignal): WritePlan {
    return {
      chunkDelayMs: scenario.chunkDelayMs ?? 0,
      cutAfterEvents: scenario.cutAfterEvents,
      stallAfterEvents: scenario.stallAfterEvents,
      splitWrites: scenario.splitWrites,
      flushDelayMs: scenario.flushDelayMs ?? DEFAULT_FLUSH_DELAY_MS,
      streamError: undefined,
      streamErrorAfter: undefined,
      signal,
      cut: () =>
        new Promise<void>((resolve) => {
          cut.add(response);
          const socket = response.socket;
          const destroy = (): void => {
            response.destroy();
            resolve();
          };
          // Node corks a response's chunked writes until the next tick; destroying now would drop them.
          if (socket === null || socket.destroyed) destroy();
          else socket.write(Buffer.alloc(0), destroy);
        }),
    };
  }

  function sendError(
    response: ServerResponse,
    request: FakeRequest,
    dialect: Dialect,
    scenario: Scenario,
    error: ScenarioError,
    signal?: AbortSignal,
  ): Promise<void> {
    let body = error.body ?? dialect.errorBody(request, error);
    if (dialect.provider === 'gemini' && scenario.retryAfter !== undefined && error.body === undefined) {
      body = withRetryInfo(body, scenario.retryAfter);
    }
    const headers = { ...dialect.headers(request.id, scenario.rateLimit), ...retryHeader(scenario), ...scenario.headers };
    return sendJson(response, error.status, body, headers, scenario, signal);
  }

  /** A JSON reply; with a cut or split scenario, the body goes out in pieces or is cut in its middle. */
  async function sendJson(
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string>,
    scenario: Scenario,
    signal?: AbortSignal,
  ): Promise<void> {
    const json = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), ...headers });
    if (scenario.cutAfterEvents === undefined && scenario.splitWrites === undefined && scenario.stallAfterEvents === undefined) {
      response.end(json);
      return;
    }
    const plan = writePlan(response, scenario, signal ?? trackAbort(response));
    if (scenario.stallAfterEvents !== undefined) {
      // A JSON body has no events: a stall sends the headers and then nothing.
      response.flushHeaders();
      return untilAborted(plan.signal);
    }
    if (scenario.cutAfterEvents === undefined) {
      await writePayloads(response, [json], plan);
      return;
    }
    // A JSON body has no events: any cut sends the headers and (unless 0) half of the body.
    response.flushHeaders();
    const bytes = Buffer.from(json);
    const half = scenario.cutAfterEvents === 0 ? [] : [bytes.subarray(0, bytes.length >> 1)];
    await writePayloads(response, half, { ...plan, cutAfterEvents: half.length });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  const fake: FakeUpstream = {
    url: `http://${host}:${address.port}`,
    port: address.port,
    requests,
    count(pathPrefix) {
      let total = 0;
      for (const [path, count] of counts) if (pathPrefix === undefined || path.startsWith(pathPrefix)) total += count;
      return total;
    },
    script(answer, scriptOptions) {
      queue.add(answer, scriptOptions);
      return fake;
    },
    waitForRequests(count, waitOptions = {}) {
      const { pathPrefix, timeoutMs = 5000 } = waitOptions;
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (fake.count(pathPrefix) < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake upstream: ${fake.count(pathPrefix)} of ${count} requests${pathPrefix ? ` under ${pathPrefix}` : ''} after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    pendingScripts: () => queue.pending,
    reset() {
      requests.length = 0;
      counts.clear();
      queue.clear();
    },
    async close() {
      closing = true;
      for (const controller of active) controller.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

function retryHeader(scenario: Scenario): Record<string, string> {
  return scenario.retryAfter === undefined ? {} : { 'retry-after': String(scenario.retryAfter) };
}

function hasKey(request: FakeRequest, key: string): boolean {
  const { headers } = request;
  return (
    headers.authorization === `Bearer ${key}` ||
    headers['x-api-key'] === key ||
    headers['x-goog-api-key'] === key ||
    request.query.get('key') === key
  );
}
