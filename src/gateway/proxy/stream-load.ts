/**
 * How many streams the gateway is relaying to Node responses at once. Holding the events of a
 * stream the upstream sent whole until its closing events (which wait for the ledger row) saves a
 * socket write, and a read on the client's side, per stream, but delays the stream's first byte
 * by the ledger commit. That is worth it when the gateway is busy, when throughput is the limit,
 * and not when it is idle, when the first byte is all that waits.
 */
export class StreamLoad {
  #active = 0;

  /** @param busyAt the number of streams in flight (this one included) from which the gateway counts as busy */
  constructor(readonly busyAt = 4) {}

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
