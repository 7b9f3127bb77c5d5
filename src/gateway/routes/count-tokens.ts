/**
 * `POST /v1/messages/count_tokens`: free at Anthropic, so it is passed through without a ledger
 * row, but still authenticated and sent with the provider's own key.
 */
import type { Context } from 'hono';
import { CostOpsError } from '../../core/errors/index.ts';
import { asCostOpsError, errorResponse } from '../http/error-body.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { bodySource, clientSignal, requestHeaders } from '../http/node-request.ts';
import { redactSecrets, upstreamHeaders } from '../proxy/upstream-headers.ts';
import { toUpstreamError } from '../proxy/upstream-client.ts';
import type { ProxyRouteDeps } from './route-deps.ts';

export function countTokensPassThrough(deps: ProxyRouteDeps) {
  return async (c: Context) => {
    try {
      const headers = requestHeaders(c);
      await deps.auth.authenticate(headers);
      const body = await readJsonBody(bodySource(c), deps.bodyLimitBytes);
      const model = body.value['model'];
      if (typeof model !== 'string' || model === '') throw new CostOpsError('missing_model', 'the request names no model: set the "model" field');
      const choice = deps.registry.choose(model, ['anthropic']);
      const upstreamBody = choice.model === model ? body.value : { ...body.value, model: choice.model };
      let response;
      try {
        response = await deps.upstream.send({
          provider: choice.provider,
          path: '/v1/messages/count_tokens',
          headers: upstreamHeaders(choice.provider, headers),
          body: JSON.stringify(upstreamBody),
          signal: clientSignal(c),
        });
      } catch (error) {
        throw toUpstreamError(error, choice.provider);
      }
      let raw: Buffer;
      try {
        raw = await response.body.read();
      } catch (error) {
        throw toUpstreamError(error, choice.provider);
      } finally {
        response.done();
      }
      const text = redactSecrets(raw.toString('utf8'), deps.secrets);
      return new Response(text, { status: response.status, headers: { 'content-type': 'application/json' } });
    } catch (error) {
      return errorResponse(asCostOpsError(error), 'anthropic');
    }
  };
}
