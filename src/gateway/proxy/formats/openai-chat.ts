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

/** A top-level-looking usage object; chunks without one carry only text (or `"usage":null`). */
const USAGE_OBJECT = /"usage"\s*:\s*\{/;

/**
 * The stream meter. Parsing every chunk's JSON is most of a stream's metering cost, and a content
 * chunk is only needed for its text, which only matters when no usage arrives: such chunks are
 * kept as text and parsed only if `outputText()` is asked for. The first chunk (for the served
 * model) and any chunk that may hold usage are parsed as they pass.
 */
function createMeter(textOf: (chunk: JsonObject) => string | undefined) {
  return ({ clientWantsUsage }: { clientWantsUsage: boolean }): StreamMeter => {
    let usage: Usage | undefined;
    /** The usage-only chunk's JSON as the upstream sent it, when the client asked for usage. */
    let usageData: string | undefined;
    let served: string | undefined;
    let parsedFirst = false;
    let done = '';
    let text = '';
    /** Data of content chunks not parsed yet, in order, all after what `text` holds. */
    const unparsed: string[] = [];
    const readUnparsed = () => {
      for (const data of unparsed) {
        const piece = textOf(tryParseJson(data) ?? {});
        if (piece) text += piece;
      }
      unparsed.length = 0;
    };
    return {
      onEvent(raw) {
        const dataStart = raw.indexOf('data:');
        // untrimmed: JSON.parse takes the surrounding whitespace, and trimming would copy every event
        const data = dataStart < 0 ? '' : raw.slice(dataStart + 5);
        if (data.length < 16 && data.trim() === '[DONE]') {
          done = raw;
          return undefined;
        }
        if (parsedFirst && !USAGE_OBJECT.test(data)) {
          unparsed.push(data);
          return raw;
        }
        const chunk = tryParseJson(data);
        if (!chunk) return raw;
        parsedFirst = true;
        served ??= stringField(chunk, 'model');
        const piece = textOf(chunk);
        if (piece) {
          readUnparsed(); // keeps the text in order
          text += piece;
        }
        const chunkUsage = objectField(chunk, 'usage');
        if (chunkUsage) {
          usage = usageOf(chunkUsage);
          const choices = chunk['choices'];
          if (Array.isArray(choices) && choices.length === 0) {
            // the usage-only chunk: kept for the client (with the cost) only when it asked for it
            if (clientWantsUsage) usageData = data.trim();
            return undefined;
          }
        }
        return raw;
      },
      finalUsage: () => usage,
      partialUsage: () => undefined,
      outputText: () => {
        readUnparsed();
        return text;
      },
      model: () => served,
      finish(costUsd) {
        let tail = '';
        // the cost joins the upstream's own JSON as its last field (no second serialization)
        if (usageData !== undefined) tail += `data: ${usageData.slice(0, usageData.lastIndexOf('}'))},"costops":{"cost_usd":${JSON.stringify(costUsd)}}}\n\n`;
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
