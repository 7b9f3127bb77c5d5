/** OpenAI Chat Completions (`POST /v1/chat/completions`), also spoken by openai-compatible providers. */
import { convertDeepSeekUsage, convertOpenAIChatUsage } from '../../../providers/index.ts';
import type { Usage } from '../../../core/usage/index.ts';
import type { ApiFormat, JsonObject, StreamMeter } from './api-format.ts';
import { objectField, positiveIntField, stringField, tryParseJson } from './json-fields.ts';

/** DeepSeek's usage is a superset of OpenAI's (prompt_cache_hit/miss); its converter falls back to OpenAI's. */
function usageOf(usage: JsonObject | undefined): Usage | undefined {
  if (!usage) return undefined;
  return 'prompt_cache_hit_tokens' in usage ? convertDeepSeekUsage(usage) : convertOpenAIChatUsage(usage);
}

function createMeter(textOf: (chunk: JsonObject) => string | undefined) {
  return ({ clientWantsUsage }: { clientWantsUsage: boolean }): StreamMeter => {
    let usage: Usage | undefined;
    let usageChunk: JsonObject | undefined;
    let served: string | undefined;
    let done = '';
    let text = '';
    return {
      onEvent(raw) {
        const dataStart = raw.indexOf('data:');
        const data = dataStart < 0 ? '' : raw.slice(dataStart + 5).trim();
        if (data === '[DONE]') {
          done = raw;
          return undefined;
        }
        const chunk = tryParseJson(data);
        if (!chunk) return raw;
        served ??= stringField(chunk, 'model');
        const piece = textOf(chunk);
        if (piece) text += piece;
        const chunkUsage = objectField(chunk, 'usage');
        if (chunkUsage) {
          usage = usageOf(chunkUsage);
          const choices = chunk['choices'];
          if (Array.isArray(choices) && choices.length === 0) {
            // the usage-only chunk: kept for the client (with the cost) only when it asked for it
            if (clientWantsUsage) usageChunk = chunk;
            return undefined;
          }
        }
        return raw;
      },
      finalUsage: () => usage,
      partialUsage: () => undefined,
      outputText: () => text,
      model: () => served,
      finish(costUsd) {
        let tail = '';
        if (usageChunk) tail += `data: ${JSON.stringify({ ...usageChunk, costops: { cost_usd: costUsd } })}\n\n`;
        return tail + done;
      },
    };
  };
}

function chatDeltaText(chunk: JsonObject): string | undefined {
  const choices = chunk['choices'];
  if (!Array.isArray(choices)) return undefined;
  let text = '';
  for (const choice of choices) {
    const delta = objectField(choice, 'delta');
    if (!delta) continue;
    const content = delta['content'];
    if (typeof content === 'string') text += content;
    const calls = delta['tool_calls'];
    if (Array.isArray(calls)) {
      for (const call of calls) {
        const args = objectField(call, 'function')?.['arguments'];
        if (typeof args === 'string') text += args;
      }
    }
  }
  return text;
}

function completionText(chunk: JsonObject): string | undefined {
  const choices = chunk['choices'];
  if (!Array.isArray(choices)) return undefined;
  let text = '';
  for (const choice of choices) {
    const piece = (choice as JsonObject | null)?.['text'];
    if (typeof piece === 'string') text += piece;
  }
  return text;
}

/** Forces include_usage upstream for streams, remembering whether the client asked. */
function prepareWithUsage(body: JsonObject, stream: boolean) {
  if (!stream) return { body, clientWantsUsage: false };
  const options = objectField(body, 'stream_options');
  const clientWantsUsage = options?.['include_usage'] === true;
  if (clientWantsUsage) return { body, clientWantsUsage };
  return { body: { ...body, stream_options: { ...options, include_usage: true } }, clientWantsUsage };
}

const common = {
  errorStyle: 'openai',
  providerKinds: ['openai', 'openai-compatible'],
  model: (body: JsonObject) => stringField(body, 'model'),
  isStream: (body: JsonObject) => body['stream'] === true,
  prepare: prepareWithUsage,
  usageOf: (response: JsonObject) => usageOf(objectField(response, 'usage')),
  modelOf: (response: JsonObject) => stringField(response, 'model'),
} as const;

export const openaiChat: ApiFormat = {
  ...common,
  endpoint: 'chat.completions',
  maxOutputTokens: (body) => positiveIntField(body, 'max_completion_tokens') ?? positiveIntField(body, 'max_tokens'),
  upstreamPath: () => '/chat/completions',
  createStreamMeter: createMeter(chatDeltaText),
};

export const openaiCompletions: ApiFormat = {
  ...common,
  endpoint: 'completions',
  maxOutputTokens: (body) => positiveIntField(body, 'max_tokens'),
  upstreamPath: () => '/completions',
  createStreamMeter: createMeter(completionText),
};
