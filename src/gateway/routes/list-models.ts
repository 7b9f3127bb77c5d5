/** `GET /v1/models`: the models the configured providers serve, in OpenAI's list shape. */
import type { Context } from 'hono';
import type { ProxyRouteDeps } from './route-deps.ts';
import { asCostOpsError, errorResponse } from '../http/error-body.ts';

export function listModels(deps: ProxyRouteDeps) {
  return async (c: Context) => {
    try {
      await deps.auth.authenticate(c.req.raw.headers);
    } catch (error) {
      return errorResponse(asCostOpsError(error), 'openai');
    }
    const data = deps.registry.providers.flatMap((provider) =>
      provider.models.filter((model) => model !== '*').map((model) => ({ id: model, object: 'model', created: 0, owned_by: provider.name })),
    );
    return c.json({ object: 'list', data });
  };
}
