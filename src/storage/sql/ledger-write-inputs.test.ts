import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEDGER_COLUMNS, LEDGER_FIELD_NAMES, LEDGER_FIELDS } from './ledger-fields.ts';
import { finalizeWrite, openWrite } from './ledger-write-inputs.ts';
import { patchRow } from './patch-row.ts';
import { toColumn } from './ledger-row-columns.ts';

const T0 = new Date('2026-11-25T10:00:00.000Z');

test('openWrite: every field in table order, defaults filled, inputs copied, values as columns', () => {
  const tags = { team: 'search' };
  const write = openWrite({ operationId: 'op-1', startedAt: T0, tenant: 'acme', model: 'gpt-4o', tags, costUsd: 5n, stream: true }, () => 'row-1');
  assert.deepEqual(Object.keys(write.row), LEDGER_FIELD_NAMES);
  assert.equal(write.row.id, 'row-1');
  assert.equal(write.row.status, 'started');
  assert.equal(write.row.attempt, 1);
  assert.equal(write.row.cache, 'none');
  assert.equal(write.row.reservedUsd, 0n);
  assert.equal(write.row.unpriced, false);
  assert.equal(write.row.user, null);
  assert.deepEqual(write.row.tags, tags);
  assert.notEqual(write.row.tags, tags, 'tags are copied');
  assert.notEqual(write.row.startedAt, T0, 'dates are copied');
  assert.ok(Object.isFrozen(write.row) && Object.isFrozen(write.row.tags));
  assert.equal(write.values.length, LEDGER_COLUMNS.length);
  LEDGER_FIELD_NAMES.forEach((name, index) => assert.deepEqual(write.values[index], toColumn(name, LEDGER_FIELDS[name], write.row[name]), name));
  assert.throws(() => openWrite({ operationId: 'op', startedAt: T0, costUsd: 1.5 as never }, () => 'x'), /costUsd must be nano-USD as a bigint/);
  assert.throws(() => openWrite({ operationId: 'op', startedAt: new Date(NaN) }, () => 'x'), /startedAt must be a valid Date/);
});

test('patchRow is { ...base, ...fields }: a field set to null replaces, one left out keeps the base value', () => {
  const base = openWrite({ operationId: 'op-1', startedAt: T0, tenant: 'acme', costUsd: 7n, priceId: 'p1' }, () => 'row-1').row;
  const { fields } = finalizeWrite('row-1', { status: 'ok', costUsd: null, unpriced: true, outputTokens: 12 });
  const patched = patchRow(base, fields);
  assert.deepEqual(patched, { ...base, ...fields });
  assert.deepEqual(Object.keys(patched), LEDGER_FIELD_NAMES);
  assert.equal(patched.costUsd, null);
  assert.equal(patched.priceId, 'p1');
  assert.ok(Object.isFrozen(patched));
});
