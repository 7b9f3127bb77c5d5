/**
 * The provider-compatible routes (SPEC §4): OpenAI under /v1, Anthropic /v1/messages, Gemini
 * /v1beta/models/{model}:generateContent. Each authenticates, reads the body within the limit,
 * reads attribution, and hands the request to the proxy (through the Idempotency-Key check when
 * the request carries one).
 */
import { Hono, type Context } from 'hono';
import { CostOpsError } from '../../core/errors/index.ts';
import { asCostOpsError, errorResponse } from '../http/error-body.ts';
import { readAttribution } from '../http/attribution.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { bodySource, clientSignal, nodeResponse, requestHeaders } from '../http/node-request.ts';
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

export function proxyRoutes(deps: ProxyRouteDeps): Hono {
  const app = new Hono();
  const idempotent = deps.idempotency && createIdempotentForward({ store: deps.idempotency, clock: deps.clock });
  const handle = (format: ApiFormat, params: (c: Context) => RouteParams = () => ({})) => async (c: Context) => {
    // in flight until the client's connection is done with the response (or, without one, until it is returned)
    const outgoing = nodeResponse(c);
    const load = deps.load;
    if (load) {
      load.enter();
      if (outgoing) outgoing.once('close', () => load.leave());
    }
    try {
      const headers = requestHeaders(c);
      const identity = await deps.auth.authenticate(headers);
      const idempotencyKey = readIdempotencyKey(headers);
      const body = await readJsonBody(bodySource(c), deps.bodyLimitBytes);
      const signal = clientSignal(c);
      const attribution = readAttribution(headers, body.value);
      // a key's defaults fill what the request itself leaves out
      if (identity.user && !attribution.user) attribution.user = identity.user;
      if (identity.project && !attribution.project) attribution.project = identity.project;
      if (identity.feature && !attribution.feature) attribution.feature = identity.feature;
      const requestHash = hashRequest(requestRoute(c.req.path, c.req.query('alt')), body.text);
      const proxyRequest: ProxyRequest = {
        format,
        params: params(c),
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

  app.post('/v1/chat/completions', handle(openaiChat));
  app.post('/v1/completions', handle(openaiCompletions));
  app.post('/v1/responses', handle(openaiResponses));
  app.post('/v1/embeddings', handle(openaiEmbeddings));
  app.post('/v1/messages/count_tokens', countTokensPassThrough(deps));
  app.post('/v1/messages', handle(anthropicMessages));
  app.get('/v1/models', listModels(deps));
  app.post('/v1beta/models/*', (c) => {
    const target = geminiTarget(c.req.path);
    if (!target) {
      return errorResponse(new CostOpsError('not_found', `unknown Gemini method in ${c.req.path}: use models/{model}:generateContent or :streamGenerateContent`), 'gemini');
    }
    const search = new URL(c.req.url).search.slice(1);
    return handle(geminiGenerate, () => ({ pathModel: target.model, pathStream: target.stream, search }))(c);
  });
  return app;
}

/** `/v1beta/models/gemini-2.5-pro:streamGenerateContent` → {model, stream}. */
export function geminiTarget(path: string): { model: string; stream: boolean } | undefined {
  const match = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(path);
  if (!match) return undefined;
  return { model: decodeURIComponent(match[1]!), stream: match[2] === 'streamGenerateContent' };
}
