/**
 * Gemini `models/{model}:generateContent` and `:streamGenerateContent`. The model and the stream
 * flag live in the path; each stream chunk carries cumulative usageMetadata (the last wins).
 */
import { convertGeminiUsageMetadata, mergeGeminiStreamUsageMetadata, type GeminiUsageMetadata } from '../../../providers/index.ts';
import type { ApiFormat, JsonObject, StreamMeter } from './api-format.ts';
import { objectField, positiveIntField, stringField, tryParseJson } from './json-fields.ts';

function candidateText(chunk: JsonObject): { text: string; finished: boolean } {
  const candidates = chunk['candidates'];
  let text = '';
  let finished = false;
  if (!Array.isArray(candidates)) return { text, finished };
  for (const candidate of candidates) {
    if (typeof (candidate as JsonObject | null)?.['finishReason'] === 'string') finished = true;
    const parts = objectField(candidate, 'content')?.['parts'];
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      const piece = (part as JsonObject | null)?.['text'];
      if (typeof piece === 'string') text += piece;
    }
  }
  return { text, finished };
}

function createGeminiMeter(): StreamMeter {
  let metadata: GeminiUsageMetadata | undefined;
  let finished = false;
  let served: string | undefined;
  let text = '';
  let held = '';
  return {
    onEvent(raw) {
      const dataStart = raw.indexOf('data:');
      const chunk = dataStart < 0 ? undefined : tryParseJson(raw.slice(dataStart + 5));
      if (!chunk) return raw;
      served ??= stringField(chunk, 'modelVersion');
      const usage = objectField(chunk, 'usageMetadata');
      if (usage) metadata = mergeGeminiStreamUsageMetadata(metadata, usage);
      const seen = candidateText(chunk);
      text += seen.text;
      if (seen.finished) {
        // the finishing chunk ends the stream for the client: it leaves once the row is committed
        finished = true;
        held += raw;
        return undefined;
      }
      return raw;
    },
    finalUsage: () => (finished && metadata ? convertGeminiUsageMetadata(metadata) : undefined),
    partialUsage: () => (metadata ? convertGeminiUsageMetadata(metadata) : undefined),
    outputText: () => text,
    model: () => served,
    finish: () => held,
  };
}

export const geminiGenerate: ApiFormat = {
  endpoint: 'generateContent',
  errorStyle: 'gemini',
  providerKinds: ['gemini'],
  model: (_body, params) => params.pathModel,
  isStream: (_body, params) => params.pathStream === true,
  maxOutputTokens: (body) => {
    const generation = objectField(body, 'generationConfig');
    return generation ? positiveIntField(generation, 'maxOutputTokens') : undefined;
  },
  prepare: (body) => ({ body, clientWantsUsage: true }),
  upstreamPath: (model, stream, params) => {
    const method = stream ? 'streamGenerateContent' : 'generateContent';
    const query = stream ? sseQuery(params.search) : params.search ? `?${params.search}` : '';
    return `/v1beta/models/${encodeURIComponent(model)}:${method}${query}`;
  },
  usageOf: (response) => {
    const metadata = objectField(response, 'usageMetadata');
    return metadata ? convertGeminiUsageMetadata(metadata) : undefined;
  },
  modelOf: (response) => stringField(response, 'modelVersion'),
  createStreamMeter: createGeminiMeter,
};

/** Streams are always asked for as SSE upstream, so they can be metered event by event. */
function sseQuery(search: string | undefined): string {
  const params = new URLSearchParams(search ?? '');
  params.delete('key'); // a client-sent API key never goes upstream; the provider's own key does
  params.set('alt', 'sse');
  return `?${params.toString()}`;
}
