/** Client-side readers for tests that talk to the fake (or to the gateway) with plain fetch. */

/** One server-sent event as a client sees it (WHATWG event-stream rules). */
export interface SseMessage {
  event: string | undefined;
  data: string;
}

/** Parses a complete event stream: LF, CRLF or CR line endings; `data:` lines joined by "\n"; comments skipped. */
export function parseSse(text: string): SseMessage[] {
  const messages: SseMessage[] = [];
  let event: string | undefined;
  let data: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0) messages.push({ event, data: data.join('\n') });
      event = undefined;
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return messages;
}

/** Reads a response body to its end, keeping each chunk as the client received it. */
export async function readChunks(response: Response): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  if (response.body === null) return chunks;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(Buffer.from(value));
  }
}

/** Reads a whole event stream: the parsed events, the raw text and the chunks as they arrived. */
export async function readSse(response: Response): Promise<{ events: SseMessage[]; text: string; chunks: Buffer[] }> {
  const chunks = await readChunks(response);
  const text = Buffer.concat(chunks).toString('utf8');
  return { events: parseSse(text), text, chunks };
}

/** The JSON payloads of an event stream, `[DONE]` excluded. */
export function jsonData<T = Record<string, unknown>>(events: readonly SseMessage[]): T[] {
  return events.filter((message) => message.data !== '[DONE]').map((message) => JSON.parse(message.data) as T);
}

/** The JSON body, loosely typed for assertions (fetch types it `unknown`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readJson(response: Response): Promise<any> {
  return response.json();
}
