/**
 * The budgets admin API (SPEC §4, §8), mounted by `adminRoutes` behind its guard. Budgets are
 * addressed by name; POST takes the same object as a config entry, PATCH a part of one. Changes
 * apply to this gateway's next request, and to other gateways on the store within 0.2 s (see
 * create-budget-engine.ts). Budgets from the config file are read
 * only here (409): the file is applied again at every start.
 */
import { Hono, type Context } from 'hono';
import { CostOpsError } from '../../core/errors/index.ts';
import type { BudgetStore, Clock } from '../../core/ports/index.ts';
import type { AdminEnv } from '../admin/index.ts';
import { asCostOpsError, errorResponse } from '../http/error-body.ts';
import { budgetRecordInput, parseBudgetEntry } from './budget-from-config.ts';
import { budgetToJson, budgetViewsToJson } from './budget-to-json.ts';
import { budgetView, listBudgetViews } from './list-budget-entries.ts';

export interface BudgetRoutesDeps {
  readonly store: BudgetStore;
  readonly clock: Clock;
  /** Config `timezone`: the periods shown are this zone's. */
  readonly timeZone: string;
}

export function budgetRoutes(deps: BudgetRoutesDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const options = (c: Context<AdminEnv>) => ({ store: deps.store, timeZone: deps.timeZone, now: deps.clock.now(), tenant: c.var.adminAccess.tenant });

  /** The budget as GET /api/budgets/{name} shows it; 404 when missing or outside the caller's tenant. */
  async function shown(c: Context<AdminEnv>, name: string) {
    const record = await deps.store.get(name);
    const view = record && (await budgetView(options(c), record));
    const tenant = c.var.adminAccess.tenant;
    if (!view || (tenant !== null && view.config.scope.tenant !== tenant)) throw new CostOpsError('not_found', `no budget named "${name}"; see GET /api/budgets`);
    return budgetToJson(view);
  }

  app.get('/api/budgets', answer(async (c) => c.json({ data: budgetViewsToJson(await listBudgetViews(options(c))) })));

  app.get('/api/budgets/:name', answer(async (c) => c.json(await shown(c, (c.req.param('name') ?? '')))));

  app.post('/api/budgets', answer(async (c) => {
    mustAdminister(c);
    const entry = parseBudgetEntry(await readJson(c));
    await deps.store.put(budgetRecordInput(entry, 'api'), 'create', deps.clock.now());
    return c.json(await shown(c, entry.name), 201);
  }));

  app.patch('/api/budgets/:name', answer(async (c) => {
    mustAdminister(c);
    const name = (c.req.param('name') ?? '');
    const patch = await readJson(c);
    if (patch.name !== undefined && patch.name !== name) {
      throw new CostOpsError('invalid_request', `name: a budget keeps its name (it is its address); to rename, POST "${String(patch.name)}" and DELETE "${name}"`);
    }
    const existing = await deps.store.get(name);
    if (!existing) throw new CostOpsError('not_found', `no budget named "${name}"; create it with POST /api/budgets`);
    const entry = parseBudgetEntry({ ...existing.definition, ...patch, name });
    await deps.store.put(budgetRecordInput(entry, 'api'), 'update', deps.clock.now());
    return c.json(await shown(c, name));
  }));

  app.delete('/api/budgets/:name', answer(async (c) => {
    mustAdminister(c);
    const name = (c.req.param('name') ?? '');
    if (!(await deps.store.delete(name))) throw new CostOpsError('not_found', `no budget named "${name}"`);
    return c.body(null, 204);
  }));

  return app;
}

function mustAdminister(c: Context<AdminEnv>): void {
  if (c.var.adminAccess.role !== 'admin') throw new CostOpsError('forbidden', 'changing budgets needs the admin key');
}

async function readJson(c: Context<AdminEnv>): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = await c.req.json();
  } catch {
    throw new CostOpsError('invalid_json', 'the body is not valid JSON: send a budget object such as {"name": "acme-monthly", "scope": {"tenant": "acme"}, "period": "month", "limit_usd": "100", "action": "block"}');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CostOpsError('invalid_request', 'the body must be a JSON object (one budget)');
  return value as Record<string, unknown>;
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
