/**
 * Sortable ledger ids in the ULID layout: 10 Crockford base-32 characters of millisecond time,
 * then 16 of randomness (26 in all). Ids from one generator strictly increase, even within a
 * millisecond or when the clock steps back, so newest-first paging by id never skips a row.
 */
import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MAX_TIME = 2 ** 48 - 1;

export interface LedgerIdGeneratorOptions {
  /** Fills the buffer with random bytes (tests pass a deterministic one). */
  random?: (bytes: Uint8Array) => void;
}

/** Returns a function that makes a new id for a row started at `timeMs`. */
export function createLedgerIdGenerator(options: LedgerIdGeneratorOptions = {}): (timeMs: number) => string {
  const fill = options.random ?? pooledRandom();
  // 80 random bits, kept between calls so that ids within one millisecond can count up.
  const random = new Uint8Array(10);
  let lastTime = -1;
  return (timeMs) => {
    if (!Number.isInteger(timeMs) || timeMs < 0 || timeMs > MAX_TIME) {
      throw new RangeError(`ledger id time must be an integer millisecond timestamp, got ${timeMs}`);
    }
    let time = timeMs;
    if (time > lastTime) fill(random);
    else {
      // Same or earlier millisecond: stay on the last time and count up, as monotonic ULIDs do.
      time = lastTime;
      if (increment(random)) time += 1; // all 80 bits were ones: carry into the time
    }
    lastTime = time;
    return encodeTime(time) + encodeRandom(random);
  };
}

/**
 * Cryptographic random bytes drawn from a pool refilled 1 KiB at a time: one `randomFillSync`
 * per ~100 ids instead of one per id (each call costs about as much as the rest of the id).
 */
function pooledRandom(): (bytes: Uint8Array) => void {
  const pool = new Uint8Array(1024);
  let offset = pool.length;
  return (bytes) => {
    if (offset + bytes.length > pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    bytes.set(pool.subarray(offset, offset + bytes.length));
    offset += bytes.length;
  };
}

/** The millisecond timestamp encoded in a ledger id. */
export function ledgerIdTime(id: string): number {
  let value = 0;
  for (const char of id.slice(0, 10)) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) throw new RangeError(`not a ledger id: "${id}"`);
    value = value * 32 + digit;
  }
  return value;
}

/** Adds one to the big-endian bytes; true when it wrapped around to zero. */
function increment(bytes: Uint8Array): boolean {
  for (let index = bytes.length - 1; index >= 0; index--) {
    if (bytes[index] !== 0xff) {
      bytes[index]! += 1;
      return false;
    }
    bytes[index] = 0;
  }
  return true;
}

// Plain number arithmetic: this runs once per ledger row, and BigInt would triple its cost.
function encodeTime(time: number): string {
  let text = '';
  let rest = time;
  for (let i = 0; i < 10; i++) {
    text = ALPHABET[rest % 32]! + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}

function encodeRandom(bytes: Uint8Array): string {
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += ALPHABET[(buffer >> bits) & 31];
    }
  }
  return text;
}
