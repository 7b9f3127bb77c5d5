/**
 * Streams an upstream SSE response to the client event by event while metering it on the side.
 * Terminal events are held until the ledger row is finalized and committed, so a client that saw
 * the end of its stream always has a row. A client that goes away cancels the upstream call and
 * leaves an `aborted` row priced from what the upstream had sent.
 */
import { CostOpsError } from '../../core/errors/index.ts';
import type { UpstreamResponse } from './upstream-client.ts';
import { SseSplitter } from './sse-splitter.ts';
import { settle, target, type Settlement } from './settle.ts';
import { estimateUsage } from './estimate-usage.ts';
import type { StreamMeter } from './formats/api-format.ts';
import { costText } from './price-usage.ts';

const encoder = new TextEncoder();

export function streamResponse(context: Settlement, upstream: UpstreamResponse, headers: Record<string, string>): Response {
  const { request } = context;
  const meter = request.format.createStreamMeter({ clientWantsUsage: context.prepared.clientWantsUsage });
  const splitter = new SseSplitter();
  const startedMs = context.startedAt.getTime();
  let ttftMs: number | null = null;
  let bytes = 0;
  let settled = false;
  let clientGone = false;

  const settleOnce = async (status: 'ok' | 'error' | 'aborted', errorCode: string | null) => {
    if (settled) return null;
    settled = true;
    upstream.done();
    const final = meter.finalUsage();
    const usage = final
      ? { usage: final, source: 'provider' as const }
      : { usage: estimateUsage(request.format.endpoint, request.body, meter.outputText(), target(context), meter.partialUsage()), source: 'estimated' as const };
    return settle(
      context,
      { status, httpStatus: status === 'aborted' ? 499 : upstream.status, errorCode, ttftMs, responseBytes: bytes, servedModel: meter.model() },
      usage,
    );
  };

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string | undefined) => {
        if (!text) return;
        if (ttftMs === null) ttftMs = context.deps.clock.now().getTime() - startedMs;
        const chunk = encoder.encode(text);
        bytes += chunk.byteLength;
        try {
          controller.enqueue(chunk);
        } catch (error) {
          // the client's side of the stream is gone (closed or cancelled) before cancel() ran
          clientGone = true;
          throw error;
        }
      };
      try {
        for await (const chunk of upstream.body) {
          // one write per upstream chunk, not per event: socket writes dominate a stream's CPU
          let out = '';
          for (const event of splitter.push(chunk as Uint8Array)) out += meter.onEvent(event) ?? '';
          send(out);
        }
        let rest = '';
        for (const event of splitter.end()) rest += meter.onEvent(event) ?? '';
        send(rest);
      } catch (error) {
        if (clientGone || request.signal.aborted) {
          // the client left: the row is settled as aborted (here or by cancel(), whichever runs first)
          await settleOnce('aborted', 'client_aborted').catch(() => undefined);
          return;
        }
        // the upstream broke off mid-stream: record what was sent, then end the client's stream with an error
        await settleOnce('error', 'upstream_stream_cut').catch(() => undefined);
        const reason = error instanceof Error ? error.message : String(error);
        controller.error(new CostOpsError('upstream_error', `provider "${context.choice.provider.name}" broke off the stream (${reason})`));
        return;
      }
      // a stream that ended without usage is still a success, priced from our own count (`estimated`)
      const priced = await settleOnce('ok', null);
      if (priced) send(finishText(meter, costText(priced)));
      controller.close();
    },
    async cancel() {
      clientGone = true;
      upstream.body.destroy();
      await settleOnce('aborted', 'client_aborted');
    },
  });

  // a client disconnect may surface as the request signal rather than a cancel
  request.signal.onAbort(() => {
    clientGone = true;
    upstream.body.destroy();
    void settleOnce('aborted', 'client_aborted');
  });

  return new Response(body, {
    status: upstream.status,
    headers: { ...headers, 'cache-control': 'no-cache', 'x-costops-model': context.choice.model },
  });
}

function finishText(meter: StreamMeter, cost: string | null): string {
  return meter.finish(cost);
}
