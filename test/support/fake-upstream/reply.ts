import type { FakeUsage, ReplyPlan, RequestFacts, ResolvedUsage, Scenario } from './types.ts';

const DEFAULT_CHUNKS = 3;
const SNIPPET_LENGTH = 48;

/** Builds the provider-neutral reply for a request: text, stream pieces, usage. */
export function planReply(request: RequestFacts, scenario: Scenario, sequence: number): ReplyPlan {
  const model = scenario.responseModel ?? request.model ?? 'unknown-model';
  const text = scenario.text ?? defaultReplyText(request);
  return {
    id: `fake${String(sequence).padStart(6, '0')}`,
    created: Math.floor(Date.now() / 1000),
    model,
    text,
    pieces: splitText(text, scenario.chunks ?? DEFAULT_CHUNKS),
    usage: resolveUsage(scenario.usage, estimateTokens(promptText(request.body)), estimateTokens(text)),
    anthropicDeltaUsage: scenario.anthropicDeltaUsage ?? 'cumulative',
  };
}

/** The text the fake answers with when the scenario gives none: names the model and quotes the last user text. */
export function defaultReplyText(request: Pick<RequestFacts, 'model' | 'body'>): string {
  const snippet = Array.from(lastUserText(request.body)).slice(0, SNIPPET_LENGTH).join('');
  return `Fake reply from ${request.model ?? 'unknown-model'} to: ${snippet}`;
}

/** About 4 characters per token, at least 1: deterministic, not a tokenizer. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Splits text into `count` pieces of nearly equal code-point length (fewer if the text is shorter). */
export function splitText(text: string, count: number): string[] {
  const points = Array.from(text);
  const pieces = Math.max(1, Math.min(Math.floor(count), points.length));
  const result: string[] = [];
  for (let index = 0; index < pieces; index++) {
    const start = Math.floor((index * points.length) / pieces);
    const end = Math.floor(((index + 1) * points.length) / pieces);
    result.push(points.slice(start, end).join(''));
  }
  return result;
}

/** Fills in what the scenario left out; throws when its numbers contradict each other. */
export function resolveUsage(usage: FakeUsage = {}, promptEstimate: number, textEstimate: number): ResolvedUsage {
  checkUsage(usage);
  const cacheWrite5mTokens = usage.cacheWrite5mTokens ?? 0;
  const cacheWrite1hTokens = usage.cacheWrite1hTokens ?? 0;
  const cached = (usage.cachedTokens ?? 0) + cacheWrite5mTokens + cacheWrite1hTokens;
  const promptTokens = usage.promptTokens ?? (usage.inputTokens ?? promptEstimate) + cached;
  const reasoning = usage.reasoningTokens ?? 0;
  const outputTokens = usage.outputTokens ?? textEstimate + reasoning;
  return {
    promptTokens,
    inputTokens: promptTokens - cached,
    cachedTokens: usage.cachedTokens,
    cacheWrite5mTokens,
    cacheWrite1hTokens,
    outputTokens,
    reasoningTokens: usage.reasoningTokens,
    textOutputTokens: outputTokens - reasoning,
  };
}

/** Rejects usage numbers no provider could report, so a bad scenario fails where it is written. */
export function checkUsage(usage: FakeUsage): void {
  for (const [field, value] of Object.entries(usage)) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new Error(`fake upstream: usage.${field} must be a non-negative integer, got ${String(value)}`);
    }
  }
  const cached = (usage.cachedTokens ?? 0) + (usage.cacheWrite5mTokens ?? 0) + (usage.cacheWrite1hTokens ?? 0);
  if (usage.promptTokens !== undefined && usage.promptTokens < cached) {
    throw new Error('fake upstream: usage.promptTokens is smaller than cachedTokens + cache writes; it counts the whole prompt');
  }
  if (usage.promptTokens !== undefined && usage.inputTokens !== undefined && usage.promptTokens !== usage.inputTokens + cached) {
    throw new Error('fake upstream: usage.promptTokens must equal inputTokens + cachedTokens + cache writes; give only one of them');
  }
  if (usage.outputTokens !== undefined && usage.outputTokens < (usage.reasoningTokens ?? 0)) {
    throw new Error('fake upstream: usage.outputTokens includes reasoningTokens, so it cannot be smaller');
  }
}

/** Every prompt text of any of the three APIs, concatenated (for the token estimate). */
function promptText(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const fields = body as Record<string, unknown>;
  return [
    fields['system'],
    fields['instructions'],
    fields['systemInstruction'],
    fields['messages'],
    fields['input'],
    fields['prompt'],
    fields['contents'],
  ]
    .map(collectText)
    .join('');
}

function lastUserText(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const fields = body as Record<string, unknown>;
  for (const list of [fields['messages'], fields['contents'], fields['input'], fields['prompt']]) {
    if (typeof list === 'string') return list;
    if (Array.isArray(list) && list.length > 0) {
      const users = list.filter((item) => typeof item !== 'object' || item === null || (item as { role?: unknown }).role === 'user');
      return collectText(users.at(-1) ?? list.at(-1));
    }
  }
  return '';
}

function collectText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(collectText).join('');
  if (typeof value !== 'object' || value === null) return '';
  const part = value as Record<string, unknown>;
  return collectText(part['text']) + collectText(part['content']) + collectText(part['parts']);
}
