import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLedgerIdGenerator, ledgerIdTime } from './ledger-id.ts';

test('ids are 26 Crockford characters that encode their time', () => {
  const next = createLedgerIdGenerator();
  const id = next(Date.UTC(2025, 0, 2, 3, 4, 5, 6));
  assert.match(id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.equal(ledgerIdTime(id), Date.UTC(2025, 0, 2, 3, 4, 5, 6));
});

test('ids strictly increase within a millisecond and when the clock steps back', () => {
  const next = createLedgerIdGenerator();
  const ids = [next(1000), next(1000), next(1000), next(999), next(1001), next(5), next(1002)];
  const sorted = [...ids].sort();
  assert.deepEqual(ids, sorted);
  assert.equal(new Set(ids).size, ids.length);
});

test('the random part carries into the time when it runs out', () => {
  const next = createLedgerIdGenerator({ random: (bytes) => bytes.fill(0xff) });
  const first = next(1000);
  assert.ok(first.endsWith('Z'.repeat(16)));
  const second = next(1000);
  assert.equal(ledgerIdTime(second), 1001);
  assert.ok(second > first);
});

test('ids from later times sort after ids from earlier ones, whatever their randomness', () => {
  let flip = 0;
  const next = createLedgerIdGenerator({ random: (bytes) => bytes.fill(flip++ % 2 ? 0x00 : 0xff) });
  assert.ok(next(2000) < next(2001));
  assert.throws(() => next(-1), RangeError);
  assert.throws(() => next(1.5), RangeError);
});

test('the random part is the 80 random bits in Crockford base 32', () => {
  const bytes = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc];
  const next = createLedgerIdGenerator({ random: (buffer) => buffer.set(bytes) });
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let expected = '';
  for (let i = 0; i < 16; i++, value >>= 5n) expected = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Number(value & 31n)] + expected;
  assert.equal(next(0).slice(10), expected);
});
