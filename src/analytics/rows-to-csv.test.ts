import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField } from './csv-field.ts';
import { rowToJson, LEDGER_JSON_FIELDS } from './row-to-json.ts';
import { formatTags, rowsToCsv } from './rows-to-csv.ts';
import { rowsToJsonl } from './rows-to-jsonl.ts';
import { sampleRow } from './__fixtures__/sample-row.ts';

test('csvField quotes per RFC 4180: commas, quotes (doubled), CR and LF; null is an empty field', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(''), '');
  assert.equal(csvField(12), '12');
  assert.equal(csvField(false), 'false');
});

test('rowsToCsv: header of the SPEC fields, CRLF records, tags as k=v;k=v, money exact, null empty', () => {
  const rows = [
    rowToJson(sampleRow({ user: 'O\'Brien, "Bob"', feature: 'multi\nline' })),
    rowToJson(sampleRow({ id: 'B', tags: {}, costUsd: null, unpriced: true })),
  ];
  const csv = rowsToCsv(rows);
  const records = parseCsv(csv);
  assert.deepEqual(records[0], [...LEDGER_JSON_FIELDS]);
  assert.equal(records.length, 3);
  const at = (record: string[], field: string) => record[LEDGER_JSON_FIELDS.indexOf(field as never)];
  assert.equal(at(records[1]!, 'user'), 'O\'Brien, "Bob"');
  assert.equal(at(records[1]!, 'feature'), 'multi\nline');
  assert.equal(at(records[1]!, 'tags'), 'team=search;tier=gold');
  assert.equal(at(records[1]!, 'cost_usd'), '0.000412500');
  assert.equal(at(records[1]!, 'stream'), 'true');
  assert.equal(at(records[1]!, 'error_code'), '');
  assert.equal(at(records[2]!, 'tags'), '');
  assert.equal(at(records[2]!, 'cost_usd'), '');
  assert.equal(at(records[2]!, 'unpriced'), 'true');
  assert.ok(csv.includes('"O\'Brien, ""Bob"""'));
  assert.ok(csv.endsWith('\r\n'));
  assert.equal(rowsToCsv(rows, { header: false }), csv.slice(csv.indexOf('\r\n') + 2));
});

test('formatTags keeps the stored order', () => {
  assert.equal(formatTags({ b: '2', a: '1' }), 'b=2;a=1');
  assert.equal(formatTags({}), '');
});

test('rowsToJsonl: one JSON object per line, each line newline-terminated', () => {
  const rows = [rowToJson(sampleRow()), rowToJson(sampleRow({ id: 'B' }))];
  const text = rowsToJsonl(rows);
  const lines = text.split('\n');
  assert.equal(lines.pop(), '');
  assert.deepEqual(lines.map((line) => JSON.parse(line)), rows);
  assert.equal(rowsToJsonl([]), '');
});

/** A small RFC 4180 reader, to check the writer by reading its output back. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') (field += '"'), index++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') record.push(field), (field = '');
    else if (char === '\r' && text[index + 1] === '\n') {
      record.push(field), records.push(record), (record = []), (field = ''), index++;
    } else field += char;
  }
  return records;
}
