/**
 * The child side of the benchmark's IPC: announce readiness (with the child's URL), answer the
 * parent's requests by name, and exit on `close` or as soon as the parent goes away, so that no
 * child outlives a benchmark that failed or was interrupted.
 */
export type ChildHandlers = Record<string, () => unknown>;

export interface ChildRequest {
  readonly id: number;
  readonly name: string;
}

export function serveChild(ready: { url: string }, handlers: ChildHandlers & { close: () => unknown }): void {
  if (process.send === undefined) throw new Error('run this file through the gateway benchmark (it needs an IPC channel)');
  process.on('message', (message: ChildRequest) => {
    void (async () => {
      try {
        const handler = handlers[message.name];
        if (handler === undefined) throw new Error(`unknown request "${message.name}"`);
        const value = await handler();
        process.send!({ id: message.id, value });
        if (message.name === 'close') process.disconnect();
      } catch (error) {
        process.send!({ id: message.id, error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true, url: ready.url });
}
