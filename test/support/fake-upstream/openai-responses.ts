import { encodeSse } from './sse.ts';
import type { LineEnding, ProviderReply, ReplyPlan, RequestFacts, ResolvedUsage } from './types.ts';

/** OpenAI Responses API: one `response` object, or its event stream ending in `response.completed` with usage. */
export function responsesReply(request: RequestFacts, plan: ReplyPlan, lineEnding: LineEnding): ProviderReply {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const reasoning = (plan.usage.reasoningTokens ?? 0) > 0 ? [{ id: `rs_${plan.id}`, type: 'reasoning', summary: [] }] : [];
  const messageId = `msg_${plan.id}`;
  const textPart = (text: string): Record<string, unknown> => ({ type: 'output_text', annotations: [], logprobs: [], text });
  const message = (status: string, content: unknown[]): Record<string, unknown> => ({
    id: messageId,
    type: 'message',
    status,
    role: 'assistant',
    content,
  });
  const response = (status: string, output: unknown[], usage: unknown): Record<string, unknown> => ({
    id: `resp_${plan.id}`,
    object: 'response',
    created_at: plan.created,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: body['instructions'] ?? null,
    max_output_tokens: body['max_output_tokens'] ?? null,
    model: plan.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: body['previous_response_id'] ?? null,
    reasoning: { effort: null, summary: null },
    store: body['store'] ?? true,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage,
    user: null,
    metadata: body['metadata'] ?? {},
  });
  const finalOutput = [...reasoning, message('completed', [textPart(plan.text)])];
  if (!request.stream) return { kind: 'json', status: 200, body: response('completed', finalOutput, responsesUsage(plan.usage)) };

  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>): string =>
    encodeSse({ type, sequence_number: sequence++, ...fields }, lineEnding, type);
  const outputIndex = reasoning.length;
  const at = { item_id: messageId, output_index: outputIndex, content_index: 0 };
  const payloads = [
    event('response.created', { response: response('in_progress', [], null) }),
    event('response.in_progress', { response: response('in_progress', [], null) }),
    ...reasoning.flatMap((item) => [
      event('response.output_item.added', { output_index: 0, item }),
      event('response.output_item.done', { output_index: 0, item }),
    ]),
    event('response.output_item.added', { output_index: outputIndex, item: message('in_progress', []) }),
    event('response.content_part.added', { ...at, part: textPart('') }),
    ...plan.pieces.map((delta) => event('response.output_text.delta', { ...at, delta, logprobs: [] })),
    event('response.output_text.done', { ...at, text: plan.text, logprobs: [] }),
    event('response.content_part.done', { ...at, part: textPart(plan.text) }),
    event('response.output_item.done', { output_index: outputIndex, item: finalOutput[outputIndex] }),
    event('response.completed', { response: response('completed', finalOutput, responsesUsage(plan.usage)) }),
  ];
  return { kind: 'stream', contentType: 'text/event-stream; charset=utf-8', payloads };
}

function responsesUsage(usage: ResolvedUsage): Record<string, unknown> {
  return {
    input_tokens: usage.promptTokens,
    input_tokens_details: { cached_tokens: usage.cachedTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.promptTokens + usage.outputTokens,
  };
}
