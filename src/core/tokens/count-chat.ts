/**
 * Prompt tokens of a Chat Completions request, as `usage.prompt_tokens` reports them.
 *
 * Messages follow OpenAI's cookbook ("How to count tokens with tiktoken"): 3 tokens per message,
 * +1 per `name`, +3 to prime the reply. Tools follow hmarr/openai-chat-tokens, which matches the
 * API: definitions rendered as TypeScript (+9), the first system message padded with a newline,
 * −4 when a system message exists, `function`-role results −2, calls +3. We count these ourselves
 * rather than use gpt-tokenizer's encodeChat, which drops the role when a message has a name.
 */
import type { ChatMessage, ChatRequest, ContentPart, FunctionCall, FunctionDefinition, ImageUrlPart } from './chat-request.ts';
import { formatFunctionDefinitions } from './format-function-definitions.ts';
import { imageSizeFromDataUrl } from './image-size-from-data-url.ts';
import { type ImageSize, imageTokens } from './image-tokens.ts';
import { parseModelName } from './parse-model-name.ts';
import { ratioEstimate, resolveTokenizer } from './resolve-tokenizer.ts';
import type { CountOptions, TokenCount } from './token-count.ts';
import { FALLBACK_VISION_RULE, type VisionRule, visionRule } from './vision-rules.ts';

export interface ChatCountOptions extends CountOptions {
  /**
   * Pixel size of an image part when the caller knows it; we cannot fetch URLs. Base64 data URLs
   * are measured from their header when this returns undefined; other unknown sizes count as the worst case.
   */
  readonly imageSize?: (part: ImageUrlPart) => ImageSize | undefined;
}

const REPLY_PRIMING = 3;
const FUNCTIONS_OVERHEAD = 9;
const SYSTEM_WITH_FUNCTIONS = -4;
const FUNCTION_RESULT = -2;
const CALL_OVERHEAD = 3;

/** Prompt tokens of a chat request: exact for OpenAI models by the documented formula, an estimate otherwise. */
export function countChat(request: ChatRequest, options: ChatCountOptions): TokenCount {
  const tokenizer = resolveTokenizer(options);
  const count = tokenizer.encoder.count;
  const notes = new Set<string>();
  const { base } = parseModelName(options.model);
  const legacy0301 = base === 'gpt-3.5-turbo-0301';
  // gpt-3.5-turbo-0301 wrote <|im_start|>{role or name}\n…: 4 per message, and a name replaces the role.
  const perMessage = legacy0301 ? 4 : 3;
  const perName = legacy0301 ? -1 : 1;
  const functions = functionDefinitions(request, notes);
  const vision = chooseVisionRule(tokenizer.kind, options.model, notes);

  let text = REPLY_PRIMING;
  let images = 0;
  let seenSystem = false;
  const callNames = new Map<string, string>();
  const callTokens = (call: FunctionCall) => count(call.name) + count(call.arguments) + CALL_OVERHEAD;

  for (const message of request.messages) {
    text += perMessage + count(message.role);
    const isSystem = message.role === 'system' || message.role === 'developer';
    // With functions present the API appends a newline to the first system message.
    const pad = functions.length > 0 && isSystem && !seenSystem;
    seenSystem ||= isSystem;
    if (typeof message.content === 'string') text += count(pad ? `${message.content}\n` : message.content);
    else if (message.content) {
      const parts = countParts(message.content, { count, vision, options, notes });
      text += parts.text;
      images += parts.images;
    }
    if (message.name) text += count(message.name) + perName;
    if (message.function_call) text += callTokens(message.function_call);
    for (const call of message.tool_calls ?? []) {
      text += callTokens(call.function);
      if (call.id) callNames.set(call.id, call.function.name);
    }
    if ((message.tool_calls?.length ?? 0) > 1) notes.add('parallel tool calls: their wrapper tokens are not documented');
    if (message.role === 'function') text += FUNCTION_RESULT;
    if (message.role === 'tool') text += toolResultTokens(message, callNames, { count, perName, notes });
  }

  if (functions.length > 0) {
    text += count(formatFunctionDefinitions(functions)) + FUNCTIONS_OVERHEAD;
    if (seenSystem) text += SYSTEM_WITH_FUNCTIONS;
  }
  text += choiceTokens(request, count, notes);
  if (base.startsWith('gpt-oss')) notes.add('gpt-oss hosts add their own harmony system preamble');

  const detail = { ...(images > 0 ? { imageTokens: images } : {}), ...(notes.size > 0 ? { notes: [...notes] } : {}) };
  if (tokenizer.kind === 'estimate') return { ...ratioEstimate(tokenizer, text, images), ...detail };
  return { tokens: text + images, exact: notes.size === 0, method: 'chat-formula', encoding: tokenizer.encoder.name, ...detail };
}

function functionDefinitions(request: ChatRequest, notes: Set<string>): FunctionDefinition[] {
  const tools = request.tools ?? [];
  if (tools.some((tool) => tool.type !== 'function')) notes.add('only "function" tools are counted');
  return [...tools.filter((tool) => tool.type === 'function').map((tool) => tool.function), ...(request.functions ?? [])];
}

function chooseVisionRule(kind: 'openai' | 'estimate', model: string, notes: Set<string>): () => VisionRule {
  // Resolved on first image only: most requests have none.
  let rule: VisionRule | undefined;
  return () => {
    if (rule) return rule;
    rule = kind === 'openai' ? visionRule(model) : undefined;
    if (!rule) notes.add(`no documented image rule for ${model}: images counted by gpt-4o's tile rule`);
    return (rule ??= FALLBACK_VISION_RULE);
  };
}

interface PartContext {
  readonly count: (text: string) => number;
  readonly vision: () => VisionRule;
  readonly options: ChatCountOptions;
  readonly notes: Set<string>;
}

function countParts(parts: readonly ContentPart[], { count, vision, options, notes }: PartContext): { text: number; images: number } {
  let text = 0;
  let images = 0;
  let textParts = 0;
  for (const part of parts) {
    if (part.type === 'text' && 'text' in part) {
      text += count(part.text);
      textParts++;
    } else if (part.type === 'image_url' && 'image_url' in part) {
      const size = options.imageSize?.(part) ?? imageSizeFromDataUrl(part.image_url.url);
      const image = imageTokens(size, part.image_url.detail, vision());
      images += image.tokens;
      if (image.note) notes.add(image.note);
    } else {
      notes.add(`"${part.type}" content parts are not counted`);
    }
  }
  if (textParts > 1) notes.add('several text parts in one message were counted separately');
  return { text, images };
}

interface ToolResultContext {
  readonly count: (text: string) => number;
  readonly perName: number;
  readonly notes: Set<string>;
}

// A tool result is rendered like a legacy function result, under the name of the call it answers
// (one API-reported case fits: forestwanglin/openai-java#5, gpt-4, 35 tokens).
function toolResultTokens(message: ChatMessage, callNames: Map<string, string>, { count, perName, notes }: ToolResultContext): number {
  if (message.name) return FUNCTION_RESULT; // the name itself was counted with the message
  const name = message.tool_call_id === undefined ? undefined : callNames.get(message.tool_call_id);
  if (name === undefined) {
    notes.add('a tool message answers no tool call in the request: its function name was not counted');
    return FUNCTION_RESULT;
  }
  return count(name) + perName + FUNCTION_RESULT;
}

function choiceTokens(request: ChatRequest, count: (text: string) => number, notes: Set<string>): number {
  const choice = request.tool_choice ?? request.function_call;
  if (choice === undefined || choice === 'auto') return 0;
  if (choice === 'none') return 1;
  if (choice === 'required') {
    notes.add('tool_choice "required": its tokens are not documented');
    return 0;
  }
  const name = 'function' in choice ? choice.function.name : choice.name;
  return count(name) + 4;
}
