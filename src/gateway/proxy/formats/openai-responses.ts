/** OpenAI Responses (`POST /v1/responses`): usage arrives in the `response.completed` event. */
import { convertOpenAIResponsesUsage } from '../../../providers/index.ts';
import type { Usage } from '../../../core/usage/index.ts';
import type { ApiFormat, JsonObject, StreamMeter } from './api-format.ts';
import { parseSseEvent } from '../sse-splitter.ts';
import { objectField, positiveIntField, stringField, tryParseJson } from './json-fields.ts';

const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

function createResponsesMeter(): StreamMeter {
  let usage: Usage | undefined;
  let served: string | undefined;
  let text = '';
  let held = '';
  return {
    onEvent(raw) {
      const event = parseSseEvent(raw);
      const payload = tryParseJson(event.data);
      const type = event.event ?? (payload ? stringField(payload, 'type') : undefined);
      if (!payload || !type) return raw;
      if (type === 'response.output_text.delta' || type === 'response.function_call_arguments.delta') {
        const delta = payload['delta'];
        if (typeof delta === 'string') text += delta;
        return raw;
      }
      const response = objectField(payload, 'response');
      if (response) served ??= stringField(response, 'model');
      if (TERMINAL.has(type)) {
        if (response && objectField(response, 'usage')) usage = convertOpenAIResponsesUsage(response);
        held += raw;
        return undefined;
      }
      return raw;
    },
    finalUsage: () => usage,
    partialUsage: () => undefined,
    outputText: () => text,
    model: () => served,
    finish: () => held,
  };
}

export const openaiResponses: ApiFormat = {
  endpoint: 'responses',
  errorStyle: 'openai',
  providerKinds: ['openai', 'openai-compatible'],
  model: (body) => stringField(body, 'model'),
  isStream: (body) => body['stream'] === true,
  maxOutputTokens: (body) => positiveIntField(body, 'max_output_tokens'),
  prepare: (body) => ({ body, clientWantsUsage: true }),
  upstreamPath: () => '/responses',
  usageOf: (response) => (objectField(response, 'usage') ? convertOpenAIResponsesUsage(response) : undefined),
  modelOf: (response) => stringField(response, 'model'),
  createStreamMeter: createResponsesMeter,
};
