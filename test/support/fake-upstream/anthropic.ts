import { encodeSse } from './sse.ts';
import type { Dialect, LineEnding, ProviderReply, RateLimitInfo, ReplyPlan, RequestFacts, ResolvedUsage } from './types.ts';

const FAKE_THINKING = 'Considering the request (fake reasoning).';
const FAKE_SIGNATURE = 'ZmFrZS1zaWduYXR1cmU=';

/** Anthropic: messages (JSON and event stream), count_tokens, models list. */
export const anthropicDialect: Dialect = {
  provider: 'anthropic',
  lineEnding: '\n',

  reply(request, plan, lineEnding) {
    if (request.route === 'anthropic.models') return { kind: 'json', status: 200, body: modelList() };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const missing = request.route === 'unknown' ? undefined : requiredField(body, request.route === 'anthropic.messages');
    if (missing !== undefined) return invalid(request, `${missing}: Field required`);
    switch (request.route) {
      case 'anthropic.messages':
        return request.stream ? messageStream(plan, lineEnding) : { kind: 'json', status: 200, body: message(plan) };
      case 'anthropic.count_tokens':
        return { kind: 'json', status: 200, body: { input_tokens: plan.usage.promptTokens } };
      default:
        return { kind: 'json', status: 404, body: this.errorBody(request, { status: 404, message: 'Not Found' }) };
    }
  },

  errorBody(request, error) {
    const defaults = ERROR_DEFAULTS[error.status] ?? { type: error.status >= 500 ? 'api_error' : 'invalid_request_error', message: 'Error' };
    const message = error.message ?? (error.status === 404 && request.model !== undefined ? `model: ${request.model}` : defaults.message);
    return { type: 'error', error: { type: error.type ?? defaults.type, message }, request_id: `req_fake${request.id}` };
  },

  streamError(request, error, lineEnding) {
    return encodeSse(this.errorBody(request, error), lineEnding, 'error');
  },

  headers(requestId, rateLimit) {
    const headers: Record<string, string> = { 'request-id': `req_fake${requestId}` };
    if (rateLimit !== undefined) Object.assign(headers, rateLimitHeaders(rateLimit));
    return headers;
  },
};

const ERROR_DEFAULTS: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request (fake upstream).' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  403: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' },
  404: { type: 'not_found_error', message: 'Not found.' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: { type: 'rate_limit_error', message: 'Number of requests has exceeded your per-minute rate limit.' },
  500: { type: 'api_error', message: 'Internal server error' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

function invalid(request: RequestFacts, message: string): ProviderReply {
  return { kind: 'json', status: 400, body: anthropicDialect.errorBody(request, { status: 400, message }) };
}

function requiredField(body: Record<string, unknown>, isMessages: boolean): string | undefined {
  if (typeof body['model'] !== 'string') return 'model';
  if (!Array.isArray(body['messages'])) return 'messages';
  if (isMessages && typeof body['max_tokens'] !== 'number') return 'max_tokens';
  return undefined;
}

/** `anthropic-ratelimit-*`; resets are RFC 3339 times. */
function rateLimitHeaders(info: RateLimitInfo): Record<string, string> {
  const headers: Record<string, string> = {};
  const at = (seconds: number): string => new Date(Date.now() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const set = (name: string, value: string | undefined): void => {
    if (value !== undefined) headers[`anthropic-ratelimit-${name}`] = value;
  };
  set('requests-limit', info.limitRequests?.toString());
  set('requests-remaining', info.remainingRequests?.toString());
  set('requests-reset', info.resetRequestsSeconds === undefined ? undefined : at(info.resetRequestsSeconds));
  set('tokens-limit', info.limitTokens?.toString());
  set('tokens-remaining', info.remainingTokens?.toString());
  set('tokens-reset', info.resetTokensSeconds === undefined ? undefined : at(info.resetTokensSeconds));
  return headers;
}

/** Full usage object; `output_tokens` as given (message_start sends 1 there). */
function usageObject(usage: ResolvedUsage, outputTokens: number): Record<string, unknown> {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: usage.cacheWrite5mTokens + usage.cacheWrite1hTokens,
    cache_read_input_tokens: usage.cachedTokens ?? 0,
    cache_creation: { ephemeral_5m_input_tokens: usage.cacheWrite5mTokens, ephemeral_1h_input_tokens: usage.cacheWrite1hTokens },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

function thinks(plan: ReplyPlan): boolean {
  return (plan.usage.reasoningTokens ?? 0) > 0;
}

function message(plan: ReplyPlan): unknown {
  const content = [
    ...(thinks(plan) ? [{ type: 'thinking', thinking: FAKE_THINKING, signature: FAKE_SIGNATURE }] : []),
    { type: 'text', text: plan.text },
  ];
  return {
    id: `msg_${plan.id}`,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content,
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: usageObject(plan.usage, plan.usage.outputTokens),
  };
}

/**
 * message_start (usage with output_tokens 1), [thinking block], content_block_start, ping,
 * one text_delta per piece, content_block_stop, message_delta (cumulative usage), message_stop.
 */
function messageStream(plan: ReplyPlan, lineEnding: LineEnding): ProviderReply {
  const event = (type: string, fields: Record<string, unknown> = {}): string => encodeSse({ type, ...fields }, lineEnding, type);
  const start = {
    id: `msg_${plan.id}`,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: usageObject(plan.usage, 1),
  };
  const textIndex = thinks(plan) ? 1 : 0;
  const thinking = thinks(plan)
    ? [
        event('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
        event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: FAKE_THINKING } }),
        event('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: FAKE_SIGNATURE } }),
        event('content_block_stop', { index: 0 }),
      ]
    : [];
  const { usage } = plan;
  const deltaUsage =
    plan.anthropicDeltaUsage === 'output-only'
      ? { output_tokens: usage.outputTokens }
      : {
          input_tokens: usage.inputTokens,
          cache_creation_input_tokens: usage.cacheWrite5mTokens + usage.cacheWrite1hTokens,
          cache_read_input_tokens: usage.cachedTokens ?? 0,
          output_tokens: usage.outputTokens,
        };
  const payloads = [
    event('message_start', { message: start }),
    ...thinking,
    event('content_block_start', { index: textIndex, content_block: { type: 'text', text: '' } }),
    event('ping'),
    ...plan.pieces.map((text) => event('content_block_delta', { index: textIndex, delta: { type: 'text_delta', text } })),
    event('content_block_stop', { index: textIndex }),
    event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: deltaUsage }),
    event('message_stop'),
  ];
  return { kind: 'stream', contentType: 'text/event-stream; charset=utf-8', payloads };
}

function modelList(): unknown {
  const models = [
    { id: 'claude-sonnet-4-5-20250929', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' },
    { id: 'claude-haiku-4-5-20251001', display_name: 'Claude Haiku 4.5', created_at: '2025-10-01T00:00:00Z' },
  ];
  const data = models.map((model) => ({ type: 'model', ...model }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
