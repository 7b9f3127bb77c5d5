/**
 * The read side of the admin API: the request log (SPEC §7) and usage queries (SPEC §14).
 * Parameters are parsed by the same analytics functions the CLI uses, so `costops report` and
 * `GET /api/usage` cannot disagree about what a query means.
 */
import { Hono, type Context } from 'hono';
import { parseListParams, parseUsageParams, rowToJson, usageToJson } from '../../analytics/index.ts';
import { CostOpsError } from '../../core/errors/index.ts';
import type { Clock, LedgerStore } from '../../core/ports/index.ts';
import { asCostOpsError, errorResponse } from '../http/error-body.ts';
import { adminAuth, type AdminAuthOptions, type AdminEnv } from './admin-auth.ts';
import { mayRead, scopeListQuery, scopeUsageQuery } from './scope-to-tenant.ts';

export interface AdminRoutesDeps {
  readonly store: LedgerStore;
  readonly clock: Clock;
  readonly auth: AdminAuthOptions;
  /** Route groups of other capabilities under /api (alerts, …), mounted behind the same guard. */
  readonly routes?: readonly Hono<AdminEnv>[];
}

export function adminRoutes(deps: AdminRoutesDeps): Hono {
  const app = new Hono<AdminEnv>();
  // Registered on /api/*, so admin routes other modules add later (budgets, keys) are guarded too.
  app.use('/api/*', adminAuth(deps.auth));

  app.get('/api/requests', answer(async (c) => {
    const query = scopeListQuery(c.var.adminAccess, parseListParams(c.req.queries(), { now: deps.clock.now() }));
    const page = await deps.store.listRequests(query);
    return c.json({ data: page.rows.map(rowToJson), next_cursor: page.nextCursor });
  }));

  app.get('/api/requests/:id', answer(async (c) => {
    const id = c.req.param('id') ?? '';
    const row = await deps.store.getRequest(id);
    if (row === null || !mayRead(c.var.adminAccess, row)) throw new CostOpsError('not_found', `no request with id "${id}" in the ledger`);
    return c.json(rowToJson(row));
  }));

  app.get('/api/usage', answer(async (c) => {
    const query = scopeUsageQuery(c.var.adminAccess, parseUsageParams(c.req.queries(), { now: deps.clock.now() }));
    return c.json(usageToJson(await deps.store.usage(query)));
  }));

  for (const routes of deps.routes ?? []) app.route('/', routes);

  // Mounted into a plain Hono so the gateway can hold it beside other route groups of any Env.
  return new Hono().route('/', app);
}

/** Turns what a handler throws into an OpenAI-style error body with the code's status. */
function answer(handler: (c: Context<AdminEnv>) => Promise<Response>) {
  return async (c: Context<AdminEnv>) => {
    try {
      return await handler(c);
    } catch (error) {
      return errorResponse(asCostOpsError(error), 'openai');
    }
  };
}
