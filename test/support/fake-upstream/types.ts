import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { FakeRequest } from './request.ts';

export type Provider = 'openai' | 'anthropic' | 'gemini';

/** The upstream operation a request addressed, decided from method + path (+ headers for `GET /v1/models`). */
export type FakeRoute =
  | 'openai.chat'
  | 'openai.responses'
  | 'openai.embeddings'
  | 'openai.completions'
  | 'openai.models'
  | 'anthropic.messages'
  | 'anthropic.count_tokens'
  | 'anthropic.models'
  | 'gemini.generate'
  | 'gemini.stream'
  | 'gemini.count_tokens'
  | 'unknown';

export type LineEnding = '\n' | '\r\n';

/**
 * Token numbers a reply reports, in one provider-neutral vocabulary; each dialect writes them in its
 * own fields. Anything left out is derived from the request (about 4 characters per token).
 */
export interface FakeUsage {
  /** Whole prompt: uncached + cache read + cache written. OpenAI `prompt_tokens`/`input_tokens`, Gemini `promptTokenCount`. */
  promptTokens?: number;
  /** Uncached prompt part (Anthropic `input_tokens`); an alternative to `promptTokens`. */
  inputTokens?: number;
  /** Prompt tokens read from cache: OpenAI `cached_tokens`, Anthropic `cache_read_input_tokens`, Gemini `cachedContentTokenCount`. */
  cachedTokens?: number;
  /** Anthropic cache writes with the 5-minute lifetime (`cache_creation.ephemeral_5m_input_tokens`). */
  cacheWrite5mTokens?: number;
  /** Anthropic cache writes with the 1-hour lifetime (`cache_creation.ephemeral_1h_input_tokens`). */
  cacheWrite1hTokens?: number;
  /** All output tokens, reasoning included: OpenAI `completion_tokens`, Anthropic `output_tokens`, Gemini candidates + thoughts. */
  outputTokens?: number;
  /** Of outputTokens: OpenAI `reasoning_tokens`, Gemini `thoughtsTokenCount`; Anthropic gets a thinking block. */
  reasoningTokens?: number;
}

/** An error reply. Fields left out get the provider's usual values for the status. */
export interface ScenarioError {
  status: number;
  message?: string;
  /** OpenAI `error.type`, Anthropic `error.type`, Gemini `error.status`. */
  type?: string;
  /** OpenAI `error.code`. */
  code?: string | null;
  /** OpenAI `error.param`. */
  param?: string | null;
  /** Sent verbatim as the JSON body instead of the provider-format body. */
  body?: unknown;
}

/** Numbers for `x-ratelimit-*` (OpenAI) / `anthropic-ratelimit-*` (Anthropic) headers; resets in seconds. */
export interface RateLimitInfo {
  limitRequests?: number;
  remainingRequests?: number;
  resetRequestsSeconds?: number;
  limitTokens?: number;
  remainingTokens?: number;
  resetTokensSeconds?: number;
}

export type SplitWrites = 'awkward' | { bytes: number };

/** How the fake answers one request. Every field is optional; an empty scenario is the default reply. */
export interface Scenario {
  /** Reply text (default: derived from the model and the last user text). */
  text?: string;
  /** Content pieces a stream splits the text into (default 3). */
  chunks?: number;
  usage?: FakeUsage;
  /** Model name the reply reports (default: the requested model). */
  responseModel?: string;
  /** Anthropic `message_delta.usage`: every cumulative field (default) or `output_tokens` only (older API). */
  anthropicDeltaUsage?: 'cumulative' | 'output-only';
  /** Extra response headers. */
  headers?: Record<string, string>;
  rateLimit?: RateLimitInfo;
  /** `retry-after` header value (seconds); Gemini also gets a RetryInfo detail in an error body. */
  retryAfter?: number | string;
  /** Answer with this error status and provider-format body instead of a reply. */
  error?: ScenarioError;
  /** Delay before the status line and headers. */
  firstByteDelayMs?: number;
  /** Delay between stream events. */
  chunkDelayMs?: number;
  /** Destroy the socket after this many stream events (a JSON body is cut in its middle; 0: right after headers). */
  cutAfterEvents?: number;
  /** Send this many stream events, then go silent until the client or the server closes (JSON: headers only). */
  stallAfterEvents?: number;
  /** Never answer (not even headers) until the client or the server closes. */
  hang?: boolean;
  /** Write each event in several pieces at awkward byte boundaries, or in fixed-size pieces. */
  splitWrites?: SplitWrites;
  /** Pause after each split write so pieces leave as separate TCP segments (default 2 ms). */
  flushDelayMs?: number;
  /** After this many events, send the provider's in-stream error event and end the stream. */
  streamError?: { afterEvents: number } & Partial<ScenarioError>;
  /** SSE line ending (default `\n`; `\r\n` for Gemini, as Google sends). */
  lineEnding?: LineEnding;
  /** Escape hatch: write the whole response yourself. */
  respond?: (request: FakeRequest, response: ServerResponse) => void | Promise<void>;
}

/** Decides a request's scenario at request time; `undefined` means the default reply. */
export type ScenarioHandler = (request: FakeRequest) => Scenario | undefined | Promise<Scenario | undefined>;

export type RequestPredicate = (request: FakeRequest) => boolean;

/** What happened to a request: answered in full, aborted by the client, or cut by the fake (scenario or close()). */
export type Outcome = 'pending' | 'completed' | 'aborted' | 'cut';

/** A request as the fake saw it: what predicates, handlers and tests look at. */
export interface RequestFacts {
  /** 1, 2, … in arrival order (per server, not reset by reset()). */
  id: number;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
  route: FakeRoute;
  provider: Provider;
  model: string | undefined;
  stream: boolean;
}

/** The provider-neutral content of a successful reply, built once per request. */
export interface ReplyPlan {
  id: string;
  created: number;
  model: string;
  text: string;
  pieces: string[];
  usage: ResolvedUsage;
  anthropicDeltaUsage: 'cumulative' | 'output-only';
}

export interface ResolvedUsage {
  promptTokens: number;
  inputTokens: number;
  /** `undefined`: the scenario did not mention it (dialects that omit unreported fields omit it). */
  cachedTokens: number | undefined;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  outputTokens: number;
  reasoningTokens: number | undefined;
  /** outputTokens − reasoning. */
  textOutputTokens: number;
}

export type ProviderReply =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'stream'; contentType: string; payloads: string[] };

/** One provider's wire format. */
export interface Dialect {
  readonly provider: Provider;
  readonly lineEnding: LineEnding;
  reply(request: RequestFacts, plan: ReplyPlan, lineEnding: LineEnding): ProviderReply;
  errorBody(request: RequestFacts, error: ScenarioError): unknown;
  /** A complete in-stream error payload (framed), after which the stream ends. */
  streamError(request: RequestFacts, error: ScenarioError, lineEnding: LineEnding): string;
  /** Headers every reply of this provider carries, plus rate-limit headers when given. */
  headers(requestId: number, rateLimit: RateLimitInfo | undefined): Record<string, string>;
}
