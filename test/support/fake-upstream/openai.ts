import { embeddingReply } from './openai-embeddings.ts';
import { responsesReply } from './openai-responses.ts';
import { encodeSse } from './sse.ts';
import type { Dialect, LineEnding, ProviderReply, RateLimitInfo, ReplyPlan, RequestFacts, ResolvedUsage, ScenarioError } from './types.ts';

const SSE_CONTENT_TYPE = 'text/event-stream; charset=utf-8';
const FINGERPRINT = 'fp_fake0001';

/** OpenAI: chat completions, responses, embeddings, legacy completions, models list. */
export const openaiDialect: Dialect = {
  provider: 'openai',
  lineEnding: '\n',

  reply(request, plan, lineEnding) {
    if (request.route === 'unknown') return notFound(request);
    if (request.route === 'openai.models') return { kind: 'json', status: 200, body: modelList(plan.created) };
    if (request.model === undefined) {
      return invalid(request, 'you must provide a model parameter', null);
    }
    switch (request.route) {
      case 'openai.chat':
        return request.stream ? chatStream(request, plan, lineEnding) : { kind: 'json', status: 200, body: chatCompletion(plan) };
      case 'openai.completions':
        return request.stream ? completionStream(request, plan, lineEnding) : { kind: 'json', status: 200, body: completion(plan) };
      case 'openai.responses':
        return responsesReply(request, plan, lineEnding);
      case 'openai.embeddings':
        return embeddingReply(request, plan);
      default:
        return notFound(request);
    }
  },

  errorBody(request, error) {
    const defaults = ERROR_DEFAULTS[error.status] ?? { type: error.status >= 500 ? 'server_error' : 'invalid_request_error', code: null };
    const message =
      error.message ??
      (error.status === 404 && request.model !== undefined
        ? `The model \`${request.model}\` does not exist or you do not have access to it.`
        : defaults.message ?? `Fake upstream error ${error.status}.`);
    return {
      error: { message, type: error.type ?? defaults.type, param: error.param ?? null, code: error.code === undefined ? defaults.code : error.code },
    };
  },

  streamError(request, error, lineEnding) {
    const body = this.errorBody(request, error) as { error: Record<string, unknown> };
    if (request.route !== 'openai.responses') return encodeSse(body, lineEnding);
    // The Responses API reports an in-stream failure as its own `error` event.
    const data = { type: 'error', code: body.error['code'] ?? body.error['type'], message: body.error['message'], param: null, sequence_number: 0 };
    return encodeSse(data, lineEnding, 'error');
  },

  headers(requestId, rateLimit) {
    const headers: Record<string, string> = { 'x-request-id': `req_fake${requestId}`, 'openai-processing-ms': '1' };
    if (rateLimit !== undefined) Object.assign(headers, rateLimitHeaders(rateLimit));
    return headers;
  },
};

const ERROR_DEFAULTS: Record<number, { type: string; code: string | null; message?: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request (fake upstream).' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Country, region, or territory not supported.' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'Not found.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests. Please try again later.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request. Sorry about that!' },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later.' },
  529: { type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later.' },
};

function invalid(request: RequestFacts, message: string, param: string | null): ProviderReply {
  return { kind: 'json', status: 400, body: openaiDialect.errorBody(request, { status: 400, message, param }) };
}

function notFound(request: RequestFacts): ProviderReply {
  const message = `Invalid URL (${request.method} ${request.path})`;
  return { kind: 'json', status: 404, body: openaiDialect.errorBody(request, { status: 404, message, code: null }) };
}

/** `x-ratelimit-*` with OpenAI's duration format for resets (`20ms`, `1s`, `6m0s`). */
function rateLimitHeaders(info: RateLimitInfo): Record<string, string> {
  const headers: Record<string, string> = {};
  const set = (name: string, value: number | undefined, format: (value: number) => string = String): void => {
    if (value !== undefined) headers[`x-ratelimit-${name}`] = format(value);
  };
  set('limit-requests', info.limitRequests);
  set('limit-tokens', info.limitTokens);
  set('remaining-requests', info.remainingRequests);
  set('remaining-tokens', info.remainingTokens);
  set('reset-requests', info.resetRequestsSeconds, formatDuration);
  set('reset-tokens', info.resetTokensSeconds, formatDuration);
  return headers;
}

function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round((seconds - minutes * 60) * 1000) / 1000;
  return minutes > 0 ? `${minutes}m${rest}s` : `${rest}s`;
}

/** Chat / legacy completions usage object. */
export function chatUsage(usage: ResolvedUsage): Record<string, unknown> {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.promptTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function chatCompletion(plan: ReplyPlan): unknown {
  return {
    id: `chatcmpl-${plan.id}`,
    object: 'chat.completion',
    created: plan.created,
    model: plan.model,
    choices: [
      { index: 0, message: { role: 'assistant', content: plan.text, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' },
    ],
    usage: chatUsage(plan.usage),
    service_tier: 'default',
    system_fingerprint: FINGERPRINT,
  };
}

/** Role chunk, one chunk per piece, finish chunk, then (only if asked) the `choices: []` usage chunk, then `[DONE]`. */
function chatStream(request: RequestFacts, plan: ReplyPlan, lineEnding: LineEnding): ProviderReply {
  const includeUsage = wantsUsage(request.body);
  const chunk = (choices: unknown[], usage?: unknown): string =>
    encodeSse(
      {
        id: `chatcmpl-${plan.id}`,
        object: 'chat.completion.chunk',
        created: plan.created,
        model: plan.model,
        service_tier: 'default',
        system_fingerprint: FINGERPRINT,
        choices,
        ...(includeUsage ? { usage: usage ?? null } : {}),
      },
      lineEnding,
    );
  const choice = (delta: unknown, finishReason: string | null): unknown => ({ index: 0, delta, logprobs: null, finish_reason: finishReason });
  const payloads = [
    chunk([choice({ role: 'assistant', content: '', refusal: null }, null)]),
    ...plan.pieces.map((piece) => chunk([choice({ content: piece }, null)])),
    chunk([choice({}, 'stop')]),
  ];
  if (includeUsage) payloads.push(chunk([], chatUsage(plan.usage)));
  payloads.push(encodeSse('[DONE]', lineEnding));
  return { kind: 'stream', contentType: SSE_CONTENT_TYPE, payloads };
}

function completion(plan: ReplyPlan): unknown {
  const { promptTokens, outputTokens } = plan.usage;
  return {
    id: `cmpl-${plan.id}`,
    object: 'text_completion',
    created: plan.created,
    model: plan.model,
    choices: [{ text: plan.text, index: 0, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: promptTokens, completion_tokens: outputTokens, total_tokens: promptTokens + outputTokens },
  };
}

function completionStream(request: RequestFacts, plan: ReplyPlan, lineEnding: LineEnding): ProviderReply {
  const { promptTokens, outputTokens } = plan.usage;
  const chunk = (choices: unknown[], usage?: unknown): string =>
    encodeSse(
      { id: `cmpl-${plan.id}`, object: 'text_completion', created: plan.created, model: plan.model, choices, ...(usage ? { usage } : {}) },
      lineEnding,
    );
  const payloads = [
    ...plan.pieces.map((text) => chunk([{ text, index: 0, logprobs: null, finish_reason: null }])),
    chunk([{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }]),
  ];
  if (wantsUsage(request.body)) {
    payloads.push(chunk([], { prompt_tokens: promptTokens, completion_tokens: outputTokens, total_tokens: promptTokens + outputTokens }));
  }
  payloads.push(encodeSse('[DONE]', lineEnding));
  return { kind: 'stream', contentType: SSE_CONTENT_TYPE, payloads };
}

function wantsUsage(body: unknown): boolean {
  return (body as { stream_options?: { include_usage?: unknown } } | undefined)?.stream_options?.include_usage === true;
}

function modelList(created: number): unknown {
  const ids = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o3-mini', 'text-embedding-3-small', 'gpt-3.5-turbo-instruct'];
  return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created, owned_by: 'system' })) };
}
