/**
 * The parts of an OpenAI Chat Completions request that cost prompt tokens. Shapes follow the
 * public API and are deliberately loose (extra fields are ignored), so a parsed request body can
 * be passed as it is.
 */
import type { ImageDetail } from './image-tokens.ts';

export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

export interface ImageUrlPart {
  readonly type: 'image_url';
  readonly image_url: { readonly url: string; readonly detail?: ImageDetail };
}

/** Any other part type (input_audio, file, …): not counted, and it makes the count inexact. */
export interface OtherPart {
  readonly type: string;
}

export type ContentPart = TextPart | ImageUrlPart | OtherPart;

export interface FunctionCall {
  readonly name: string;
  readonly arguments: string;
}

export interface ToolCall {
  readonly id?: string;
  readonly type?: 'function';
  readonly function: FunctionCall;
}

export interface ChatMessage {
  readonly role: 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function' | (string & {});
  readonly content?: string | readonly ContentPart[] | null;
  readonly name?: string;
  readonly tool_calls?: readonly ToolCall[];
  readonly tool_call_id?: string;
  /** Legacy (pre-tools) assistant function call. */
  readonly function_call?: FunctionCall;
}

/** The subset of JSON Schema that OpenAI renders into the prompt for a function's parameters. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  /** Other keywords (const, additionalProperties, …) are accepted and not rendered. */
  readonly [keyword: string]: unknown;
}

export interface FunctionDefinition {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: JsonSchema;
}

export interface ToolDefinition {
  readonly type: 'function' | (string & {});
  readonly function: FunctionDefinition;
}

export type ToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { readonly type?: 'function'; readonly function: { readonly name: string } }
  | { readonly name: string };

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolDefinition[];
  /** Legacy form of `tools`. */
  readonly functions?: readonly FunctionDefinition[];
  readonly tool_choice?: ToolChoice;
  /** Legacy form of `tool_choice`. */
  readonly function_call?: ToolChoice;
}
