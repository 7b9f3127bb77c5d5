/**
 * What the proxy needs to know about one upstream API dialect (OpenAI chat, Anthropic messages,
 * Gemini generateContent, …): where the model and stream flag live, how the body is prepared,
 * where usage comes from, and how a stream is metered. The forwarding flow is the same for all.
 */
import type { Usage } from '../../../core/usage/index.ts';
import type { ProviderKind } from '../../config/index.ts';

export type JsonObject = Record<string, unknown>;

/** The error body style a route answers in (SPEC §1.5). */
export type ErrorStyle = 'openai' | 'anthropic' | 'gemini';

export interface RouteParams {
  /** Gemini carries the model and method in the path. */
  readonly pathModel?: string;
  readonly pathStream?: boolean;
  /** Query string of the client request, without the leading "?" (Gemini `alt=sse`). */
  readonly search?: string;
}

export interface PreparedBody {
  readonly body: JsonObject;
  /** The client asked for a usage chunk in its stream (OpenAI `stream_options.include_usage`). */
  readonly clientWantsUsage: boolean;
}

export interface ApiFormat {
  /** Ledger `endpoint` value, e.g. "chat.completions". */
  readonly endpoint: string;
  readonly errorStyle: ErrorStyle;
  /** Provider kinds that speak this API natively. */
  readonly providerKinds: readonly ProviderKind[];
  model(body: JsonObject, params: RouteParams): string | undefined;
  isStream(body: JsonObject, params: RouteParams): boolean;
  /** The request's cap on output tokens, when it sets one. */
  maxOutputTokens(body: JsonObject): number | undefined;
  /** The body to send upstream (e.g. with include_usage forced on for streams). */
  prepare(body: JsonObject, stream: boolean): PreparedBody;
  /** Path (and query) on the provider's base URL. */
  upstreamPath(model: string, stream: boolean, params: RouteParams): string;
  /** Usage of a complete JSON response, when it reports any. */
  usageOf(response: JsonObject): Usage | undefined;
  /** The served model a response names, when it names one. */
  modelOf?(response: JsonObject): string | undefined;
  createStreamMeter(options: { clientWantsUsage: boolean }): StreamMeter;
}

/**
 * Follows a stream event by event: forwards events, keeps usage snapshots and the text seen (for
 * estimates), and holds the stream's terminal events back until the ledger row is committed.
 */
export interface StreamMeter {
  /** Takes one complete raw event; returns the text to send to the client now (possibly rewritten), or nothing. */
  onEvent(raw: string): string | undefined;
  /** The provider's final usage, when the stream delivered it. */
  finalUsage(): Usage | undefined;
  /** The latest partial usage snapshot (e.g. Anthropic message_start), when any. */
  partialUsage(): Usage | undefined;
  /** Output text seen so far, to estimate output tokens when usage never arrived. */
  outputText(): string;
  /** Served model named by the stream. */
  model(): string | undefined;
  /** The held terminal events, rewritten now that the cost is known (OpenAI's usage chunk gains `costops.cost_usd`). */
  finish(costUsd: string | null): string;
}
