import type { IncomingHttpHeaders } from 'node:http';
import type { FakeRoute, Outcome, Provider, RequestFacts } from './types.ts';

const GEMINI_PATH = /^\/(?:v1beta|v1)\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens)$/;

/** One request received by the fake, with what became of it. */
export class FakeRequest implements RequestFacts {
  readonly id: number;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body; `undefined` when empty or not JSON. */
  readonly body: unknown;
  readonly rawBody: string;
  /** Epoch milliseconds when the body had arrived. */
  readonly time: number;
  readonly route: FakeRoute;
  readonly provider: Provider;
  readonly model: string | undefined;
  readonly stream: boolean;
  outcome: Outcome = 'pending';
  /** Set when a scenario handler threw (the client got a 500). */
  handlerError: unknown;
  #settled: Promise<Outcome> | undefined;
  #resolve: ((outcome: Outcome) => void) | undefined;

  constructor(init: { id: number; method: string; url: string; headers: IncomingHttpHeaders; rawBody: string }) {
    this.id = init.id;
    this.method = init.method;
    const queryAt = init.url.indexOf('?');
    this.path = queryAt === -1 ? init.url : init.url.slice(0, queryAt);
    this.query = new URLSearchParams(queryAt === -1 ? '' : init.url.slice(queryAt + 1));
    this.headers = init.headers;
    this.rawBody = init.rawBody;
    this.body = parseJson(init.rawBody);
    this.time = Date.now();
    const gemini = GEMINI_PATH.exec(this.path);
    this.route = gemini ? geminiRoute(gemini[2]) : classifyRoute(this.method, this.path, init.headers);
    this.provider = providerOf(this.route, this.path, init.headers);
    const bodyModel = (this.body as { model?: unknown } | undefined)?.model;
    this.model = gemini?.[1] !== undefined ? decodeURIComponent(gemini[1]) : typeof bodyModel === 'string' ? bodyModel : undefined;
    this.stream = this.route === 'gemini.stream' || (this.body as { stream?: unknown } | undefined)?.stream === true;
  }

  /** True when the client went away before the reply was complete. */
  get aborted(): boolean {
    return this.outcome === 'aborted';
  }

  /** The body failed to parse as JSON although one was sent. */
  get invalidJson(): boolean {
    return this.rawBody.length > 0 && this.body === undefined;
  }

  /** Resolves once the exchange is over: completed, aborted by the client, or cut by the fake. */
  get settled(): Promise<Outcome> {
    if (this.#settled === undefined) {
      this.#settled =
        this.outcome === 'pending' ? new Promise((resolve) => (this.#resolve = resolve)) : Promise.resolve(this.outcome);
    }
    return this.#settled;
  }

  /** @internal called by the server when the response closes. */
  settle(outcome: Exclude<Outcome, 'pending'>): void {
    if (this.outcome !== 'pending') return;
    this.outcome = outcome;
    this.#resolve?.(outcome);
  }
}

function parseJson(raw: string): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function geminiRoute(action: string | undefined): FakeRoute {
  if (action === 'streamGenerateContent') return 'gemini.stream';
  if (action === 'countTokens') return 'gemini.count_tokens';
  return 'gemini.generate';
}

function classifyRoute(method: string, path: string, headers: IncomingHttpHeaders): FakeRoute {
  if (method === 'GET' && path === '/v1/models') {
    return headers['anthropic-version'] !== undefined ? 'anthropic.models' : 'openai.models';
  }
  if (method !== 'POST') return 'unknown';
  switch (path) {
    case '/v1/chat/completions':
      return 'openai.chat';
    case '/v1/responses':
      return 'openai.responses';
    case '/v1/embeddings':
      return 'openai.embeddings';
    case '/v1/completions':
      return 'openai.completions';
    case '/v1/messages':
      return 'anthropic.messages';
    case '/v1/messages/count_tokens':
      return 'anthropic.count_tokens';
    default:
      return 'unknown';
  }
}

/** Unknown routes still get an error in a plausible provider's format. */
function providerOf(route: FakeRoute, path: string, headers: IncomingHttpHeaders): Provider {
  if (route !== 'unknown') return route.slice(0, route.indexOf('.')) as Provider;
  if (path.startsWith('/v1beta/')) return 'gemini';
  if (path.startsWith('/v1/messages') || headers['anthropic-version'] !== undefined) return 'anthropic';
  return 'openai';
}
