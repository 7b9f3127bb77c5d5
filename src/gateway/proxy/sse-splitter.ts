/**
 * Splits a byte stream of Server-Sent Events into complete events, whatever the network chunk
 * boundaries: each complete event (its raw text, terminator included) is handed on at once, and
 * only the unfinished tail of the latest chunk is held. Accepts LF, CRLF and CR line endings.
 * Decodes with Node's StringDecoder (a character split across chunks is completed by the next
 * one), which costs a fraction of a streaming TextDecoder per chunk.
 */
import { StringDecoder } from 'node:string_decoder';

export class SseSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  /** Feeds one network chunk; returns the events it completed, in order. */
  push(chunk: Uint8Array): string[] {
    this.pending += this.decoder.write(chunk as Buffer);
    return this.drain();
  }

  /** Ends the stream: returns a final event that lacked its blank-line terminator, if any. */
  end(): string[] {
    this.pending += this.decoder.end();
    const events = this.drain();
    if (this.pending.trim() !== '') events.push(this.pending);
    this.pending = '';
    return events;
  }

  private drain(): string[] {
    const events: string[] = [];
    let start = 0;
    for (;;) {
      const boundary = findEventEnd(this.pending, start);
      if (boundary < 0) break;
      events.push(this.pending.slice(start, boundary));
      start = boundary;
    }
    if (start > 0) this.pending = this.pending.slice(start);
    return events;
  }
}

/** Index just past the blank line ending the event that begins at `from`, or -1. */
function findEventEnd(text: string, from: number): number {
  for (let index = text.indexOf('\n', from); index >= 0; index = text.indexOf('\n', index + 1)) {
    const next = text[index + 1];
    if (next === '\n') return index + 2;
    if (next === '\r' && text[index + 2] === '\n') return index + 3;
  }
  // bare-CR streams are rare; handle them only when no LF is present at all
  if (text.indexOf('\n', from) < 0) {
    const cr = text.indexOf('\r\r', from);
    if (cr >= 0) return cr + 2;
  }
  return -1;
}

/** Parsed view of one event: its `event:` name and its `data:` lines joined by newlines. */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

/** Parses one raw event as returned by SseSplitter. */
export function parseSseEvent(raw: string): SseEvent {
  let event: string | undefined;
  const data: string[] = [];
  for (const line of raw.split(/\r\n|\r|\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return { event, data: data.join('\n') };
}
