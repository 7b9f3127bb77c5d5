/**
 * Fast access to the Node request behind a Hono context. Reading `c.req.raw.body` or `.signal`
 * makes @hono/node-server build a full web Request with a ReadableStream body — about 15% of the
 * gateway's CPU per request — so the proxy reads the IncomingMessage and watches the socket
 * directly, and falls back to the web Request where there is no Node request (app.request in tests).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { abortClientSignal, outgoingClientSignal, type ClientSignal } from './client-signal.ts';
import { incomingHeaders, type RequestHeaders } from './request-headers.ts';

interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

/** What to read the body from: the Node request when there is one, else the web Request. */
export function bodySource(c: Context): IncomingMessage | Request {
  return (c.env as NodeBindings | undefined)?.incoming ?? c.req.raw;
}

/** The request's headers: the Node request's own object when there is one, else the web Request's. */
export function requestHeaders(c: Context): RequestHeaders {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  return incoming ? incomingHeaders(incoming.headers) : c.req.raw.headers;
}

/** The Node response to write to directly, when there is one. */
export function nodeResponse(c: Context): ServerResponse | undefined {
  return (c.env as NodeBindings | undefined)?.outgoing;
}

/** Tells when the client goes away before its response has been fully written. */
export function clientSignal(c: Context): ClientSignal {
  const outgoing = (c.env as NodeBindings | undefined)?.outgoing;
  return outgoing ? outgoingClientSignal(outgoing) : abortClientSignal(c.req.raw.signal);
}
