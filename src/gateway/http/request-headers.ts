/**
 * The request headers the gateway reads: only `get`. A web `Headers` is one; on the Node server
 * the proxy reads the IncomingMessage's own header object instead, because @hono/node-server
 * builds a web Headers from it on first access (a visible share of a request's CPU).
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface RequestHeaders {
  /** The header's value (repeated headers joined with ", "), or null when absent; `name` in lower case. */
  get(name: string): string | null;
}

/** The headers of a Node request (Node lower-cases their names; callers ask in lower case). */
export function incomingHeaders(headers: IncomingHttpHeaders): RequestHeaders {
  return {
    get(name) {
      const value = headers[name];
      if (value === undefined) return null;
      return typeof value === 'string' ? value : value.join(', ');
    },
  };
}
