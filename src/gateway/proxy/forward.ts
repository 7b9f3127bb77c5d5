/**
 * The path of one proxied request: choose the provider, open the ledger row (durable before the
 * upstream call), call upstream, meter the response (whole or streamed on the side), price it at
 * the price in force when it started, and finalize the row before the end of the response leaves.
 */
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { CostOpsError } from '../../core/errors/index.ts';
import { asCostOpsError, errorResponse } from '../http/error-body.ts';
import type { JsonObject } from './formats/api-format.ts';
import type { ProviderChoice } from './provider-registry.ts';
import { redactSecrets, upstreamHeaders } from './upstream-headers.ts';
import { toUpstreamError, type UpstreamResponse } from './upstream-client.ts';
import { costText, tokensHeader } from './price-usage.ts';
import { estimateUsage } from './estimate-usage.ts';
import { streamResponse } from './stream-response.ts';
import { finalizeFailure, returnLease, settle, target, type Settlement } from './settle.ts';
import type { ProxyDeps, ProxyRequest } from './proxy-types.ts';
import { formatUsd } from '../../core/money/index.ts';
import type { BudgetTicket } from '../budgets/index.ts';
import { admitRequest, type Admission } from './admit-request.ts';
import { admitRateLimits } from './admit-rate-limits.ts';
import type { RateLimitLease } from '../limits/index.ts';
import { ledgerOpenInput, type AttemptFacts } from './ledger-open-input.ts';

export type { ProxyDeps, ProxyRequest, Identity } from './proxy-types.ts';

/** Upstream response headers worth passing to the client: these names, and the rate-limit families. */
const PASSED_HEADERS = new Set(['content-type', 'x-request-id', 'request-id', 'openai-processing-ms', 'retry-after']);
const PASSED_PREFIXES = ['x-ratelimit-', 'anthropic-ratelimit-'] as const;
const passes = (name: string) => PASSED_HEADERS.has(name) || PASSED_PREFIXES.some((prefix) => name.startsWith(prefix));

export async function forward(deps: ProxyDeps, request: ProxyRequest): Promise<Response> {
  const { format } = request;
  const requestedModel = format.model(request.body, request.params);
  if (!requestedModel) {
    const where = format.errorStyle === 'gemini' ? 'the URL path (models/{model}:generateContent)' : 'the "model" field';
    return errorResponse(new CostOpsError('missing_model', `the request names no model: set ${where}`), format.errorStyle);
  }
  let choice: ProviderChoice;
  try {
    choice = deps.registry.choose(requestedModel, format.providerKinds);
  } catch (error) {
    return errorResponse(asCostOpsError(error), format.errorStyle);
  }
  const stream = format.isStream(request.body, request.params);
  // Admission time decides the budget period and the price version; the row starts then too.
  const attempt: AttemptFacts = { operationId: crypto.randomUUID(), startedAt: deps.clock.now(), requestedModel, stream };
  // Rate limits first: refusing there costs nothing and reserves nothing.
  const limited = await admitRateLimits(deps, request, choice, attempt.startedAt);
  if (limited && !limited.ok) return errorResponse(limited.error, format.errorStyle, { ...limited.headers });
  const lease = limited?.lease;
  let response: Response;
  try {
    const admission = await admitRequest(deps, request, { ...attempt, choice });
    if (admission.kind === 'refused') {
      await returnLease(lease, 0);
      response = admission.response;
    } else {
      try {
        response = await forwardAdmitted(deps, request, attempt, admission, limited);
      } catch (error) {
        // Whatever broke, the reservation goes back (a no-op when the request already settled).
        await admission.ticket?.release();
        throw error;
      }
    }
  } catch (error) {
    await returnLease(lease, 0);
    throw error;
  }
  // a stream written straight to the client already carries them (and its response is a shared marker)
  if (limited && response !== RESPONSE_ALREADY_SENT) for (const [name, value] of Object.entries(limited.headers)) response.headers.set(name, value);
  return response;
}

async function forwardAdmitted(
  deps: ProxyDeps,
  request: ProxyRequest,
  attempt: AttemptFacts,
  admission: Admission & { kind: 'admitted' },
  limited: { readonly lease?: RateLimitLease | undefined; readonly headers: Readonly<Record<string, string>> } | undefined,
): Promise<Response> {
  const limit = limited?.lease;
  const { format } = request;
  const { choice, ticket: budget } = admission;
  const { requestedModel, stream, startedAt } = attempt;
  const prepared = format.prepare(request.body, stream);
  const row = await deps.store.open(ledgerOpenInput(request, attempt, choice, { reservedUsd: budget?.reservedUsd ?? 0n, route: admission.route }));
  deps.observer?.started(row);

  const upstreamBody = choice.model === requestedModel || format.errorStyle === 'gemini' ? prepared.body : { ...prepared.body, model: choice.model };
  // nothing changed: the client's own bytes go upstream (no second serialization of a long prompt)
  const upstreamText = upstreamBody === request.body && request.bodyText !== undefined ? request.bodyText : JSON.stringify(upstreamBody);
  let upstream: UpstreamResponse;
  try {
    upstream = await deps.upstream.send({
      provider: choice.provider,
      path: format.upstreamPath(choice.model, stream, request.params),
      headers: upstreamHeaders(choice.provider, request.headers),
      body: upstreamText,
      signal: request.signal,
    });
  } catch (error) {
    const failure = request.signal.aborted ? null : toUpstreamError(error, choice.provider);
    await finalizeFailure(deps, row, failure, request.signal.aborted, budget, limit);
    if (!failure) return new Response(null, { status: 499 });
    return errorResponse(failure, format.errorStyle, { 'x-costops-request-id': row.id });
  }

  const context: Settlement = { deps, request, row, choice, startedAt, prepared, budget, limit };
  if (upstream.status >= 400) return passUpstreamError(context, upstream, limited?.headers);
  const contentType = String(upstream.headers['content-type'] ?? '');
  if (stream && contentType.includes('text/event-stream')) {
    // A stream's headers leave before its cost is known: they show the budget after reservation.
    // They may be written before forward() returns: the rate-limit headers go in now.
    const headers = withBudgetRemaining(passedHeaders(upstream, row.id), budget);
    if (limited) Object.assign(headers, limited.headers);
    return streamResponse(context, upstream, headers);
  }
  return wholeResponse(context, upstream, limited?.headers);
}

async function wholeResponse(context: Settlement, upstream: UpstreamResponse, extraHeaders: Readonly<Record<string, string>> | undefined): Promise<Response> {
  const { request, row } = context;
  let buffer: Buffer;
  try {
    buffer = await upstream.body.read();
  } catch (error) {
    upstream.done();
    const failure = request.signal.aborted ? null : toUpstreamError(error, context.choice.provider);
    await finalizeFailure(context.deps, row, failure, request.signal.aborted, context.budget, context.limit);
    if (!failure) return new Response(null, { status: 499 });
    return errorResponse(failure, request.format.errorStyle, { 'x-costops-request-id': row.id });
  }
  upstream.done();
  const json = parseObject(buffer);
  const reported = json ? request.format.usageOf(json) : undefined;
  const usage = reported ? { usage: reported, source: 'provider' as const } : { usage: estimateUsage(request.format.endpoint, request.body, '', target(context)), source: 'estimated' as const };
  const servedModel = json ? request.format.modelOf?.(json) : undefined;
  const priced = await settle(context, { status: 'ok', httpStatus: upstream.status, responseBytes: buffer.length, servedModel }, usage);
  const headers = withBudgetRemaining(passedHeaders(upstream, row.id), context.budget);
  headers['x-costops-tokens'] = tokensHeader(priced);
  headers['x-costops-model'] = servedModel ?? context.choice.model;
  const cost = costText(priced);
  if (cost !== null) headers['x-costops-cost-usd'] = cost;
  if (extraHeaders) Object.assign(headers, extraHeaders);
  return respond(request, upstream.status, buffer, headers);
}

/**
 * The response, written straight to the Node response when there is one (a web Response and its
 * Headers, converted back by @hono/node-server, cost more than the write), else as a web Response.
 */
function respond(request: ProxyRequest, status: number, body: Buffer | string, headers: Record<string, string>): Response {
  const { outgoing } = request;
  if (outgoing === undefined) return new Response(body, { status, headers });
  if (!outgoing.destroyed) {
    const text = typeof body === 'string';
    // what a web Response would say of a text body with no type of its own
    if (text && headers['content-type'] === undefined) headers['content-type'] = 'text/plain;charset=UTF-8';
    headers['content-length'] = String(text ? Buffer.byteLength(body) : body.length);
    outgoing.writeHead(status, headers);
    outgoing.end(body);
  }
  return RESPONSE_ALREADY_SENT;
}

async function passUpstreamError(context: Settlement, upstream: UpstreamResponse, extraHeaders: Readonly<Record<string, string>> | undefined): Promise<Response> {
  const { request, row, deps } = context;
  let text = '';
  try {
    text = (await upstream.body.read()).toString('utf8');
  } catch {
    // a broken error body still gets recorded with its status
  }
  upstream.done();
  text = redactSecrets(text, deps.secrets);
  const json = parseObject(Buffer.from(text));
  const reported = json ? request.format.usageOf(json) : undefined;
  await settle(
    context,
    { status: 'error', httpStatus: upstream.status, errorCode: upstreamErrorCode(json) ?? `http_${upstream.status}`, responseBytes: Buffer.byteLength(text) },
    // failed attempts cost nothing unless the provider reported usage for them (SPEC §7)
    reported ? { usage: reported, source: 'provider' } : { usage: {}, source: 'provider' },
  );
  const headers = withBudgetRemaining(passedHeaders(upstream, row.id), context.budget);
  if (extraHeaders) Object.assign(headers, extraHeaders);
  return respond(request, upstream.status, text, headers);
}

/** `x-costops-budget-remaining-usd`: the tightest applicable budget's limit − spent − reserved, as last seen. */
function withBudgetRemaining(headers: Record<string, string>, budget: BudgetTicket | undefined): Record<string, string> {
  const remaining = budget?.remaining();
  if (remaining !== undefined) headers['x-costops-budget-remaining-usd'] = formatUsd(remaining);
  return headers;
}

function passedHeaders(upstream: UpstreamResponse, requestId: string): Record<string, string> {
  const headers: Record<string, string> = { 'x-costops-request-id': requestId };
  const from = upstream.headers;
  for (const name in from) {
    const value = from[name];
    if (value !== undefined && passes(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function parseObject(buffer: Buffer): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(buffer.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

function upstreamErrorCode(json: JsonObject | undefined): string | undefined {
  const error = json?.['error'];
  if (!error || typeof error !== 'object') return undefined;
  const fields = error as JsonObject;
  for (const key of ['code', 'type', 'status']) {
    const value = fields[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
