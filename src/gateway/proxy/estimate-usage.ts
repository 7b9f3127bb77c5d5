/**
 * Our own token count for a request whose provider reported no usage (an aborted or cut stream,
 * a provider that omits usage): exact for OpenAI chat, an estimate otherwise. Rows priced this way
 * carry `usage_source: estimated`.
 */
import { countChat, countText, type ChatRequest } from '../../core/tokens/index.ts';
import type { Usage } from '../../core/usage/index.ts';
import type { JsonObject } from './formats/api-format.ts';

export interface EstimateTarget {
  readonly model: string;
  readonly provider: string | undefined;
}

/** Input tokens of the request body. */
export function estimateInputTokens(endpoint: string, body: JsonObject, target: EstimateTarget): number {
  const options = { model: target.model, ...(target.provider !== undefined && { provider: target.provider }) };
  if (endpoint === 'chat.completions' && Array.isArray(body['messages'])) {
    try {
      return countChat({ messages: body['messages'], tools: body['tools'], functions: body['functions'] } as ChatRequest, options).tokens;
    } catch {
      // an unusual message shape: fall through to counting its text
    }
  }
  const text: string[] = [];
  for (const key of ['system', 'messages', 'contents', 'input', 'prompt', 'instructions', 'systemInstruction', 'tools']) {
    collectStrings(body[key], text);
  }
  return text.length === 0 ? 0 : countText(text.join('\n'), options).tokens;
}

/** Usage from our own counts: input from the body, output from the text the stream carried. */
export function estimateUsage(endpoint: string, body: JsonObject, outputText: string, target: EstimateTarget, partial?: Usage): Usage {
  const options = { model: target.model, ...(target.provider !== undefined && { provider: target.provider }) };
  const output = outputText === '' ? 0 : countText(outputText, options).tokens;
  if (partial && (partial.inputTokens !== undefined || partial.cacheReadTokens !== undefined)) {
    // the provider already told us the input side (Anthropic message_start): keep it, count only output
    return { ...partial, outputTokens: Math.max(partial.outputTokens ?? 0, output) };
  }
  return { inputTokens: estimateInputTokens(endpoint, body, target), outputTokens: output };
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // image and audio payloads are base64, not text: counting them would wildly overstate
      if (key === 'data' || key === 'image_url' || key === 'inline_data' || key === 'inlineData') continue;
      collectStrings(item, into);
    }
  }
}
