import type { ProviderReply, ReplyPlan, RequestFacts } from './types.ts';

const DEFAULT_DIMENSIONS = 8;

/**
 * OpenAI embeddings: one deterministic unit vector per input (seeded by its text), as float arrays or as
 * base64 little-endian float32 when `encoding_format: "base64"` (what the official SDK asks for by default).
 */
export function embeddingReply(request: RequestFacts, plan: ReplyPlan): ProviderReply {
  const body = (request.body ?? {}) as { input?: unknown; dimensions?: unknown; encoding_format?: unknown };
  const inputs = listInputs(body.input);
  if (inputs === undefined) {
    return {
      kind: 'json',
      status: 400,
      body: { error: { message: "'input' is a required property", type: 'invalid_request_error', param: 'input', code: null } },
    };
  }
  const dimensions = typeof body.dimensions === 'number' && body.dimensions > 0 ? Math.floor(body.dimensions) : DEFAULT_DIMENSIONS;
  const base64 = body.encoding_format === 'base64';
  const data = inputs.map((input, index) => {
    const vector = unitVector(input, dimensions);
    const embedding = base64 ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  return {
    kind: 'json',
    status: 200,
    body: { object: 'list', data, model: plan.model, usage: { prompt_tokens: plan.usage.promptTokens, total_tokens: plan.usage.promptTokens } },
  };
}

/** `input` may be a string, strings, a token array, or token arrays; each becomes one seed string. */
function listInputs(input: unknown): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((item) => typeof item === 'number')) return [input.join(',')];
  return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

function unitVector(seedText: string, dimensions: number): Float32Array {
  let state = 0x811c9dc5;
  for (let index = 0; index < seedText.length; index++) state = Math.imul(state ^ seedText.charCodeAt(index), 0x01000193) >>> 0;
  state ||= 1; // xorshift never leaves 0
  const vector = new Float32Array(dimensions);
  let norm = 0;
  for (let index = 0; index < dimensions; index++) {
    state = (state ^ (state << 13)) >>> 0;
    state = (state ^ (state >>> 17)) >>> 0;
    state = (state ^ (state << 5)) >>> 0;
    const value = state / 0xffffffff - 0.5;
    vector[index] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 1;
  for (let index = 0; index < dimensions; index++) vector[index] = vector[index]! * scale;
  return vector;
}
