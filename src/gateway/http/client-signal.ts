/**
 * "The client went away": what the proxy listens for to cancel the upstream call and record an
 * aborted request. An AbortSignal would do, but it is an EventTarget, and creating one with its
 * listeners costs a visible share of a proxied request's CPU; these are small classes.
 *
 * Not object literals with a getter: V8 allocates such a literal in the old generation, and there,
 * through the closures it holds, it kept each request's whole object graph (request, response,
 * parsed body, headers) alive through the young generation's collections until a full one: at
 * saturation 2 MB were promoted per scavenge, and collecting cost a sixth of the gateway's CPU.
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
  return new OutgoingClientSignal(outgoing);
}

class OutgoingClientSignal implements ClientSignal {
  aborted = false;
  #listeners: (() => void)[] | undefined;

  constructor(outgoing: ServerResponse) {
    outgoing.once('close', () => {
      if (outgoing.writableFinished) return;
      this.aborted = true;
      const pending = this.#listeners;
      this.#listeners = undefined;
      if (pending) for (const listener of pending) listener();
    });
  }

  onAbort(listener: () => void): () => void {
    if (this.aborted) {
      listener();
      return noop;
    }
    (this.#listeners ??= []).push(listener);
    return () => {
      const index = this.#listeners?.indexOf(listener) ?? -1;
      if (index >= 0) this.#listeners!.splice(index, 1);
    };
  }
}

/** Follows an AbortSignal (a web Request's, where there is no Node response: app.request in tests). */
export function abortClientSignal(signal: AbortSignal): ClientSignal {
  return new AbortClientSignal(signal);
}

class AbortClientSignal implements ClientSignal {
  constructor(readonly signal: AbortSignal) {}

  get aborted(): boolean {
    return this.signal.aborted;
  }

  onAbort(listener: () => void): () => void {
    if (this.signal.aborted) {
      listener();
      return noop;
    }
    this.signal.addEventListener('abort', listener, { once: true });
    return () => this.signal.removeEventListener('abort', listener);
  }
}
