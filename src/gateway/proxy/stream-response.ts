/**
 * Streams an upstream SSE response to the client event by event while metering it on the side.
 * Terminal events are held until the ledger row is finalized and committed, so a client that saw
 * the end of its stream always has a row. A client that goes away cancels the upstream call and
 * leaves an `aborted` row priced from what the upstream had sent.
 *
 * Two sinks share one relay (metering, settlement): with the Node response at hand the events are
 * written to it directly, one write per upstream chunk (a web ReadableStream between the two costs
 * about a third of a stream's CPU); without it (an idempotent request, whose response is copied
 * for replays, or app.request in tests) they go into the web Response's body.
 */
import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { CostOpsError } from '../../core/errors/index.ts';
import type { UpstreamResponse } from './upstream-client.ts';
import { SseSplitter } from './sse-splitter.ts';
import { settle, target, type Settlement } from './settle.ts';
import { estimateUsage } from './estimate-usage.ts';
import type { StreamMeter } from './formats/api-format.ts';
import { costText, type PricedFields } from './price-usage.ts';
import type { RequestLoad } from './request-load.ts';

const encoder = new TextEncoder();

/** Streams `upstream` to the client; `headers` (the response's, which this adds to) become its own. */
export function streamResponse(context: Settlement, upstream: UpstreamResponse, headers: Record<string, string>): Response {
  const relay = new StreamRelay(context, upstream);
  headers['cache-control'] = 'no-cache';
  headers['x-costops-model'] = context.choice.model;
  // a client disconnect surfaces here (a Node sink's writes then fail quietly; a web one is cancelled)
  context.request.signal.onAbort(() => relay.clientLeft());
  const outgoing = context.request.outgoing;
  if (outgoing) {
    void pipeToNode(relay, upstream, outgoing, headers, context.deps.load);
    // @hono/node-server's marker for "the handler wrote the response itself"; shared, never to be modified
    return RESPONSE_ALREADY_SENT;
  }
  return new Response(webBody(relay, upstream), { status: upstream.status, headers });
}

/** Metering, timing and settlement of one stream, whatever it is written to. */
class StreamRelay {
  readonly meter: StreamMeter;
  private readonly splitter = new SseSplitter();
  private readonly startedMs: number;
  private ttftMs: number | null = null;
  private bytes = 0;
  private settled = false;
  clientGone = false;

  constructor(
    private readonly context: Settlement,
    private readonly upstream: UpstreamResponse,
  ) {
    this.meter = context.request.format.createStreamMeter({ clientWantsUsage: context.prepared.clientWantsUsage });
    this.startedMs = context.startedAt.getTime();
  }

  /** The client-bound text of one upstream chunk (its complete events), '' when it completed none. */
  push(chunk: Uint8Array): string {
    let out = '';
    for (const event of this.splitter.push(chunk)) out += this.meter.onEvent(event) ?? '';
    if (out !== '') this.produced(out);
    return out;
  }

  /** The client-bound text of what the upstream left unterminated at its end. */
  end(): string {
    let rest = '';
    for (const event of this.splitter.end()) rest += this.meter.onEvent(event) ?? '';
    if (rest !== '') this.produced(rest);
    return rest;
  }

  /**
   * Counts client-bound text as the upstream's events yield it, whenever it is written; the first
   * fixes the time to first token.
   */
  private produced(text: string): void {
    if (this.ttftMs === null) this.ttftMs = this.context.deps.clock.now().getTime() - this.startedMs;
    this.bytes += Buffer.byteLength(text);
  }

  clientLeft(): void {
    this.clientGone = true;
    this.upstream.body.destroy();
    void this.settle('aborted', 'client_aborted').catch(() => undefined);
  }

  /** Finalizes the row once (later calls answer null); resolves when it is committed. */
  async settle(status: 'ok' | 'error' | 'aborted', errorCode: string | null): Promise<PricedFields | null> {
    if (this.settled) return null;
    this.settled = true;
    const { context, meter, upstream } = this;
    const { request } = context;
    upstream.done();
    const final = meter.finalUsage();
    const usage = final
      ? { usage: final, source: 'provider' as const }
      : { usage: estimateUsage(request.format.endpoint, request.body, meter.outputText(), target(context), meter.partialUsage()), source: 'estimated' as const };
    return settle(
      context,
      { status, httpStatus: status === 'aborted' ? 499 : upstream.status, errorCode, ttftMs: this.ttftMs, responseBytes: this.bytes, servedModel: meter.model() },
      usage,
    );
  }

  /** After the upstream failed: settles as aborted when the client had left, else as a cut; returns the error for the client or undefined. */
  async failed(error: unknown): Promise<CostOpsError | undefined> {
    if (this.clientGone || this.context.request.signal.aborted) {
      // the client left: the row is settled as aborted (here or by clientLeft(), whichever runs first)
      await this.settle('aborted', 'client_aborted').catch(() => undefined);
      return undefined;
    }
    // the upstream broke off mid-stream: record what was sent, then end the client's stream with an error
    await this.settle('error', 'upstream_stream_cut').catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    return new CostOpsError('upstream_error', `provider "${this.context.choice.provider.name}" broke off the stream (${reason})`);
  }

  /** A stream that ended, with or without usage, is a success (priced from our own count without); the closing text, if any. */
  async finished(): Promise<string | undefined> {
    const priced = await this.settle('ok', null);
    return priced ? this.meter.finish(costText(priced)) : undefined;
  }
}

/**
 * Writes the stream to the Node response, one write per upstream chunk, respecting backpressure.
 * When the gateway is busy (see request-load.ts), text from chunks that arrived with the end of the
 * upstream response is not written at once: nothing follows it but the closing events, which wait
 * for the ledger row anyway, so it leaves with them in one write. A stream the upstream sent whole
 * (a short answer) then goes out as one response with a content-length, like a whole response,
 * instead of two chunked writes. An idle gateway writes every event as it comes.
 */
async function pipeToNode(relay: StreamRelay, upstream: UpstreamResponse, outgoing: ServerResponse, headers: Record<string, string>, load: RequestLoad | undefined): Promise<void> {
  let held = '';
  const write = (text: string): boolean => {
    if (text === '' || outgoing.destroyed) return true;
    if (upstream.body.complete && (held !== '' || load?.busy === true)) {
      held += text;
      return true;
    }
    if (!outgoing.headersSent) outgoing.writeHead(upstream.status, headers);
    return outgoing.write(text);
  };
  try {
    await upstream.body.each((chunk) => (write(relay.push(chunk)) ? undefined : drained(outgoing)));
    write(relay.end());
  } catch (error) {
    const failure = await relay.failed(error);
    if (failure) outgoing.destroy(failure);
    return;
  }
  let closing: string | undefined;
  try {
    closing = await relay.finished();
  } catch (error) {
    // the row could not be committed: the stream does not end as if complete
    outgoing.destroy(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  const rest = held + (closing ?? '');
  if (outgoing.destroyed) return;
  if (!outgoing.headersSent) {
    headers['content-length'] = String(Buffer.byteLength(rest));
    outgoing.writeHead(upstream.status, headers);
  }
  outgoing.end(rest);
}

/** Resolves when the response can take more, or is gone. */
function drained(outgoing: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      outgoing.off('drain', done);
      outgoing.off('close', done);
      resolve();
    };
    outgoing.on('drain', done);
    outgoing.on('close', done);
  });
}

/** The stream as a web Response body. */
function webBody(relay: StreamRelay, upstream: UpstreamResponse): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string | undefined) => {
        if (!text) return;
        const chunk = encoder.encode(text);
        try {
          controller.enqueue(chunk);
        } catch (error) {
          // the client's side of the stream is gone (closed or cancelled) before cancel() ran
          relay.clientGone = true;
          throw error;
        }
      };
      try {
        await upstream.body.each((chunk) => send(relay.push(chunk)));
        send(relay.end());
      } catch (error) {
        const failure = await relay.failed(error);
        if (failure) controller.error(failure);
        return;
      }
      send(await relay.finished());
      controller.close();
    },
    async cancel() {
      relay.clientGone = true;
      upstream.body.destroy();
      await relay.settle('aborted', 'client_aborted');
    },
  });
}
