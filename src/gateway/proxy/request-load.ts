/**
 * How many proxied requests the gateway is serving at once (from the route's start until the
 * client's connection is done with the response). It decides a choice that trades latency for
 * throughput: holding the events of a stream the upstream sent whole until its closing events
 * (which wait for the ledger row) saves a socket write, and a read on the client's side, per
 * stream, but delays the stream's first byte by the ledger commit. That is worth it when the
 * gateway is busy, when throughput is the limit, and not when it is idle, when the first byte is
 * all that waits.
 */
export class RequestLoad {
  #active = 0;

  /** @param busyAt the number of requests in flight from which the gateway counts as busy */
  constructor(readonly busyAt = 8) {}

  enter(): void {
    this.#active++;
  }

  leave(): void {
    this.#active--;
  }

  get busy(): boolean {
    return this.#active >= this.busyAt;
  }
}
