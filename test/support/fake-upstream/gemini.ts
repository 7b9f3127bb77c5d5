import { encodeSse } from './sse.ts';
import type { Dialect, LineEnding, ProviderReply, ReplyPlan, RequestFacts, ResolvedUsage } from './types.ts';

/** Gemini: generateContent, streamGenerateContent (`alt=sse`, or a JSON array without it), countTokens. */
export const geminiDialect: Dialect = {
  provider: 'gemini',
  // Google's SSE frames end in CRLF; a parser that only splits on "\n\n" never sees an event end.
  lineEnding: '\r\n',

  reply(request, plan, lineEnding) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (request.route === 'unknown') {
      return { kind: 'json', status: 404, body: this.errorBody(request, { status: 404, message: `Not found: ${request.path}` }) };
    }
    if (!Array.isArray(body['contents']) && !(request.route === 'gemini.count_tokens' && body['generateContentRequest'])) {
      const message = `* GenerateContentRequest.contents: contents is not specified`;
      return { kind: 'json', status: 400, body: this.errorBody(request, { status: 400, message }) };
    }
    switch (request.route) {
      case 'gemini.count_tokens':
        return { kind: 'json', status: 200, body: tokenCount(plan.usage) };
      case 'gemini.stream':
        return stream(request, plan, lineEnding);
      default:
        return { kind: 'json', status: 200, body: chunk(plan, plan.text, plan.usage.textOutputTokens, true) };
    }
  },

  errorBody(request, error) {
    const defaults = ERROR_DEFAULTS[error.status] ?? { status: error.status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT', message: 'Error' };
    const message =
      error.message ??
      (error.status === 404 && request.model !== undefined
        ? `models/${request.model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`
        : defaults.message);
    return { error: { code: error.status, message, status: error.type ?? defaults.status } };
  },

  streamError(request, error, lineEnding) {
    return encodeSse(this.errorBody(request, error), lineEnding);
  },

  headers() {
    return {};
  },
};

const ERROR_DEFAULTS: Record<number, { status: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' },
  401: { status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials.' },
  403: { status: 'PERMISSION_DENIED', message: 'The caller does not have permission' },
  404: { status: 'NOT_FOUND', message: 'Requested entity was not found.' },
  429: { status: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted (e.g. check quota).' },
  500: { status: 'INTERNAL', message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting' },
  503: { status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' },
  504: { status: 'DEADLINE_EXCEEDED', message: 'Deadline expired before operation could complete.' },
  529: { status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' },
};

/** Adds google.rpc.RetryInfo to a Gemini error body, as Google does on 429. */
export function withRetryInfo(errorBody: unknown, retryAfter: number | string): unknown {
  const body = errorBody as { error: Record<string, unknown> };
  const retryInfo = { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfter}s` };
  return { error: { ...body.error, details: [retryInfo] } };
}

/** Usage so far: the prompt, thoughts and cache numbers are whole from the first chunk; candidates grow. */
function usageMetadata(usage: ResolvedUsage, candidatesTokens: number): Record<string, unknown> {
  const thoughts = usage.reasoningTokens;
  return {
    promptTokenCount: usage.promptTokens,
    candidatesTokenCount: candidatesTokens,
    totalTokenCount: usage.promptTokens + candidatesTokens + (thoughts ?? 0),
    ...(usage.cachedTokens !== undefined ? { cachedContentTokenCount: usage.cachedTokens } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.promptTokens }],
    ...(usage.cachedTokens !== undefined ? { cacheTokensDetails: [{ modality: 'TEXT', tokenCount: usage.cachedTokens }] } : {}),
    ...(thoughts !== undefined ? { thoughtsTokenCount: thoughts } : {}),
  };
}

function chunk(plan: ReplyPlan, text: string, candidatesTokens: number, last: boolean): Record<string, unknown> {
  return {
    candidates: [{ content: { parts: [{ text }], role: 'model' }, ...(last ? { finishReason: 'STOP' } : {}), index: 0 }],
    usageMetadata: usageMetadata(plan.usage, candidatesTokens),
    modelVersion: plan.model,
    responseId: plan.id,
  };
}

/** One GenerateContentResponse per piece, each with cumulative usageMetadata; the last has finishReason. */
function stream(request: RequestFacts, plan: ReplyPlan, lineEnding: LineEnding): ProviderReply {
  const total = plan.usage.textOutputTokens;
  const count = plan.pieces.length;
  const chunks = plan.pieces.map((piece, index) => chunk(plan, piece, Math.round((total * (index + 1)) / count), index === count - 1));
  if (request.query.get('alt') === 'sse') {
    return { kind: 'stream', contentType: 'text/event-stream', payloads: chunks.map((item) => encodeSse(item, lineEnding)) };
  }
  // Without alt=sse Google streams one JSON array, element by element.
  const payloads = chunks.map((item, index) => (index === 0 ? '[' : ',\r\n') + JSON.stringify(item));
  payloads.push(']');
  return { kind: 'stream', contentType: 'application/json; charset=UTF-8', payloads };
}

function tokenCount(usage: ResolvedUsage): unknown {
  return { totalTokens: usage.promptTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.promptTokens }] };
}
