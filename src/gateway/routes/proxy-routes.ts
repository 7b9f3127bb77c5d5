/**
 * The provider-compatible routes (SPEC §4): OpenAI under /v1, Anthropic /v1/messages, Gemini
 * /v1beta/models/{model}:generateContent. Each authenticates, reads the body within the limit,
 * reads attribution, and hands the request to the proxy (through the Idempotency-Key check when
 * the request carries one).
 *
 * The busiest routes (the fixed POST paths, without an Idempotency-Key) are also served straight
 * from Node's request and response (`serveNode`), before Hono: @hono/node-server's request
 * wrapper and listeners and Hono's dispatch were a visible share of a proxied request's time.
 * Both ways run the same handler on the same inputs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Hono, type Context } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { CostOpsError } from '../../core/errors/index.ts';
import { asCostOpsError, errorResponse } from '../http/error-body.ts';
import { readAttribution } from '../http/attribution.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { bodySource, clientSignal, nodeResponse, requestHeaders } from '../http/node-request.ts';
import { outgoingClientSignal, type ClientSignal } from '../http/client-signal.ts';
import { incomingHeaders, type RequestHeaders } from '../http/request-headers.ts';
import { writeWebResponse } from '../http/write-web-response.ts';
import { forward, type ProxyRequest } from '../proxy/forward.ts';
import { createIdempotentForward, hashRequest, readIdempotencyKey, requestRoute } from '../idempotency/index.ts';
import type { ProxyRouteDeps } from './route-deps.ts';
import type { ApiFormat, RouteParams } from '../proxy/formats/api-format.ts';
import { openaiChat, openaiCompletions } from '../proxy/formats/openai-chat.ts';
import { openaiResponses } from '../proxy/formats/openai-responses.ts';
import { openaiEmbeddings } from '../proxy/formats/openai-embeddings.ts';
import { anthropicMessages } from '../proxy/formats/anthropic-messages.ts';
import { geminiGenerate } from '../proxy/formats/gemini-generate.ts';
import { countTokensPassThrough } from './count-tokens.ts';
import { listModels } from './list-models.ts';

/** What a proxy route reads of a request: from a Hono context, or straight from Node. */
interface RouteInput {
  readonly headers: RequestHeaders;
  readonly body: IncomingMessage | Request;
  readonly signal: () => ClientSignal;
  /** The Node response to write to, when there is one. */
  readonly outgoing: ServerResponse | undefined;
  /** The path, without the query. */
  readonly path: string;
  /** The `alt` query parameter (Gemini's response format), part of the request hash. */
  readonly alt: string | undefined;
}

export interface ProxyRoutes {
  readonly app: Hono;
  /**
   * Serves a request on one of the fixed proxy paths straight from Node's request and response;
   * false (nothing done) for any other request, which Hono then routes.
   */
  serveNode(incoming: IncomingMessage, outgoing: ServerResponse): boolean;
}

const fromContext = (c: Context): RouteInput => ({
  headers: requestHeaders(c),
  body: bodySource(c),
  signal: () => clientSignal(c),
  outgoing: nodeResponse(c),
  path: c.req.path,
  alt: c.req.query('alt'),
});

export function proxyRoutes(deps: ProxyRouteDeps): ProxyRoutes {
  const app = new Hono();
  const idempotent = deps.idempotency && createIdempotentForward({ store: deps.idempotency, clock: deps.clock });
  const handle = (format: ApiFormat, params: (c: Context) => RouteParams = () => ({})) => (c: Context) => serve(format, params(c), fromContext(c));
  const serve = async (format: ApiFormat, params: RouteParams, input: RouteInput): Promise<Response> => {
    // in flight until the client's connection is done with the response (or, without one, until it is returned)
    const { outgoing } = input;
    const load = deps.load;
    if (load) {
      load.enter();
      if (outgoing) outgoing.once('close', () => load.leave());
    }
    try {
      const { headers } = input;
      const identity = await deps.auth.authenticate(headers);
      const idempotencyKey = readIdempotencyKey(headers);
      const body = await readJsonBody(input.body, deps.bodyLimitBytes);
      const signal = input.signal();
      const attribution = readAttribution(headers, body.value);
      // a key's defaults fill what the request itself leaves out
      if (identity.user && !attribution.user) attribution.user = identity.user;
      if (identity.project && !attribution.project) attribution.project = identity.project;
      if (identity.feature && !attribution.feature) attribution.feature = identity.feature;
      const requestHash = hashRequest(requestRoute(input.path, input.alt), body.text);
      const proxyRequest: ProxyRequest = {
        format,
        params,
        body: body.value,
        bodyBytes: body.bytes,
        bodyText: body.text,
        headers,
        signal,
        outgoing: idempotencyKey === undefined || !idempotent ? outgoing : undefined,
        identity: { tenant: identity.tenant, keyId: identity.keyId },
        attribution,
        requestHash,
      };
      if (idempotencyKey === undefined || !idempotent) return await forward(deps, proxyRequest);
      const claim = { tenant: identity.tenant, key: idempotencyKey, requestHash, style: format.errorStyle, signal };
      return await idempotent(claim, () => forward(deps, proxyRequest));
    } catch (error) {
      return errorResponse(asCostOpsError(error), format.errorStyle);
    } finally {
      if (load && !outgoing) load.leave();
    }
  };

  const fixed = new Map<string, ApiFormat>([
    ['/v1/chat/completions', openaiChat],
    ['/v1/completions', openaiCompletions],
    ['/v1/responses', openaiResponses],
    ['/v1/embeddings', openaiEmbeddings],
    ['/v1/messages', anthropicMessages],
  ]);
  for (const [path, format] of fixed) app.post(path, handle(format));
  app.post('/v1/messages/count_tokens', countTokensPassThrough(deps));
  app.get('/v1/models', listModels(deps));
  app.post('/v1beta/models/*', (c) => {
    const target = geminiTarget(c.req.path);
    if (!target) {
      return errorResponse(new CostOpsError('not_found', `unknown Gemini method in ${c.req.path}: use models/{model}:generateContent or :streamGenerateContent`), 'gemini');
    }
    const search = new URL(c.req.url).search.slice(1);
    return handle(geminiGenerate, () => ({ pathModel: target.model, pathStream: target.stream, search }))(c);
  });

  const serveNode = (incoming: IncomingMessage, outgoing: ServerResponse): boolean => {
    if (incoming.method !== 'POST' || incoming.headers['idempotency-key'] !== undefined) return false;
    const url = incoming.url ?? '';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const format = fixed.get(path);
    if (format === undefined) return false;
    const alt = query < 0 ? undefined : (new URLSearchParams(url.slice(query + 1)).get('alt') ?? undefined);
    const input: RouteInput = { headers: incomingHeaders(incoming.headers), body: incoming, signal: () => outgoingClientSignal(outgoing), outgoing, path, alt };
    void serve(format, {}, input).then(
      (response) => (response === RESPONSE_ALREADY_SENT ? undefined : writeWebResponse(outgoing, response)),
      (error: unknown) => writeWebResponse(outgoing, errorResponse(asCostOpsError(error), format.errorStyle)),
    ).catch((error: unknown) => {
      // the response could not be written (the client is gone): nothing is left to tell anyone
      outgoing.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    return true;
  };
  return { app, serveNode };
}

/** `/v1beta/models/gemini-2.5-pro:streamGenerateContent` → {model, stream}. */
export function geminiTarget(path: string): { model: string; stream: boolean } | undefined {
  const match = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(path);
  if (!match) return undefined;
  return { model: decodeURIComponent(match[1]!), stream: match[2] === 'streamGenerateContent' };
}
