/**
 * "The client went away": what the proxy listens for to cancel the upstream call and record an
 * aborted request. An AbortSignal would do, but it is an EventTarget, and creating one with its
 * listeners costs a visible share of a proxied request's CPU; this is a plain object.
 */
import type { ServerResponse } from 'node:http';

export interface ClientSignal {
  /** True once the client closed the connection before its response was fully written. */
  readonly aborted: boolean;
  /** Calls `listener` once when the client goes away (at once if it already has); returns the unsubscribe. */
  onAbort(listener: () => void): () => void;
}

const noop = () => undefined;

/** Follows a Node response: aborted when it closes before it finished. */
export function outgoingClientSignal(outgoing: ServerResponse): ClientSignal {
  let aborted = false;
  let listeners: (() => void)[] | undefined;
  outgoing.once('close', () => {
    if (outgoing.writableFinished) return;
    aborted = true;
    const pending = listeners;
    listeners = undefined;
    if (pending) for (const listener of pending) listener();
  });
  return {
    get aborted() {
      return aborted;
    },
    onAbort(listener) {
      if (aborted) {
        listener();
        return noop;
      }
      (listeners ??= []).push(listener);
      return () => {
        const index = listeners?.indexOf(listener) ?? -1;
        if (index >= 0) listeners!.splice(index, 1);
      };
    },
  };
}

/** Follows an AbortSignal (a web Request's, where there is no Node response: app.request in tests). */
export function abortClientSignal(signal: AbortSignal): ClientSignal {
  return {
    get aborted() {
      return signal.aborted;
    },
    onAbort(listener) {
      if (signal.aborted) {
        listener();
        return noop;
      }
      signal.addEventListener('abort', listener, { once: true });
      return () => signal.removeEventListener('abort', listener);
    },
  };
}
