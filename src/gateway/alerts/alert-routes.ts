/**
 * The alerts admin API (SPEC §4, §13), mounted by `adminRoutes` behind its guard:
 * `GET /api/alerts` lists the history newest first; `POST /api/alerts/test` sends a test alert
 * through a channel (`{"channel": {"webhook": "…"}}`) or a configured rule's or budget's
 * (`{"rule": "daily-spend"}`) now, and answers with what happened.
 */
import { Hono, type Context } from 'hono';
import { CostOpsError } from '../../core/errors/index.ts';
import type { AlertHistoryStore, Clock } from '../../core/ports/index.ts';
import type { AdminEnv } from '../admin/index.ts';
import { alertSchema } from '../config/index.ts';
import { asCostOpsError, errorResponse } from '../http/error-body.ts';
import type { AlertEngine, AlertTestInput } from './alert-engine.ts';
import { alertRecordToJson } from './alert-record-to-json.ts';
import { parseAlertListParams } from './parse-alert-list-params.ts';

export interface AlertRoutesDeps {
  readonly history: AlertHistoryStore;
  readonly engine: Pick<AlertEngine, 'test'>;
  readonly clock: Clock;
}

/** The same check a rule's `channel:` gets in the config, so both say the same about a bad URL. */
const channelSchema = alertSchema.shape.channel;

const TEST_BODY_HELP = 'send {"channel": {"webhook": "https://…"}} or {"channel": {"slack": "https://hooks.slack.com/…"}} or {"rule": "<alert rule or budget name>"}';

export function alertRoutes(deps: AlertRoutesDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/api/alerts', answer(async (c) => {
    const query = parseAlertListParams(c.req.queries(), { now: deps.clock.now() });
    // A tenant-scoped caller sees the alerts about its tenant only.
    const tenant = c.var.adminAccess.tenant;
    const records = await deps.history.list(tenant === null ? query : { ...query, tenant });
    return c.json({ data: records.map(alertRecordToJson) });
  }));

  app.post('/api/alerts/test', answer(async (c) => {
    if (c.var.adminAccess.role !== 'admin') throw new CostOpsError('forbidden', 'sending test alerts needs the admin key');
    const records = await deps.engine.test(parseTestBody(await readJson(c)));
    const status = records.every((record) => record.status === 'sent') ? 'sent' : 'failed';
    return c.json({ status, deliveries: records.map(alertRecordToJson) });
  }));

  return app;
}

async function readJson(c: Context<AdminEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new CostOpsError('invalid_json', `the body is not valid JSON: ${TEST_BODY_HELP}`);
  }
}

function parseTestBody(body: unknown): AlertTestInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new CostOpsError('invalid_request', TEST_BODY_HELP);
  const fields = Object.keys(body);
  const record = body as Record<string, unknown>;
  if (fields.length !== 1 || !(fields[0] === 'channel' || fields[0] === 'rule')) {
    throw new CostOpsError('invalid_request', `expected exactly one of "channel" or "rule" (got ${fields.length === 0 ? 'none' : fields.map((field) => `"${field}"`).join(', ')}): ${TEST_BODY_HELP}`);
  }
  if ('rule' in record) {
    if (typeof record.rule !== 'string' || record.rule.trim() === '') throw new CostOpsError('invalid_request', `"rule" must be a name: ${TEST_BODY_HELP}`);
    return { rule: record.rule.trim() };
  }
  const channel = channelSchema.safeParse(record.channel);
  if (!channel.success) {
    const issue = channel.error.issues[0];
    const where = issue?.path.length ? `channel.${issue.path.join('.')}` : 'channel';
    throw new CostOpsError('invalid_request', `${where} ${issue?.message ?? 'is not valid'}`);
  }
  return { channel: channel.data };
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
