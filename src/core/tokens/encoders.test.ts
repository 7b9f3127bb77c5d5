import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { getEncoding } from 'js-tiktoken';
import { ENCODING_NAMES, getEncoder } from './encoders.ts';

/** Loads TypeScript in a child process as `npm start` does (bin/typescript-hooks.mjs). */
const TYPESCRIPT = new URL('../../../bin/register-typescript.mjs', import.meta.url).href;

const SAMPLES = [
  '',
  'tiktoken is great!',
  'antidisestablishmentarianism',
  '2 + 2 = 4',
  'お誕生日おめでとう',
  'The quick brown fox 🦊 jumps over the lazy dog. Ünïcödé, العربية, 中文, हिन्दी.',
  'function add(a: number, b: number): number {\n\treturn a + b; // sum\n}\n\n\n    indented\r\n',
  'a special-token look-alike <|endoftext|> and <|im_start|> stays plain text',
];

test('token ids and counts match js-tiktoken for every encoding it ships', () => {
  for (const name of ENCODING_NAMES) {
    if (name === 'o200k_harmony') continue; // js-tiktoken 1.0.21 has no harmony table; checked below
    const reference = getEncoding(name);
    const encoder = getEncoder(name);
    for (const text of SAMPLES) {
      const expected = reference.encode(text, [], []);
      assert.deepEqual(encoder.encode(text), expected, `${name}: ${text}`);
      assert.equal(encoder.count(text), expected.length, `${name}: ${text}`);
      assert.equal(encoder.decode(expected), text);
    }
  }
});

test('o200k_harmony tokenizes text exactly like o200k_base (it only adds special tokens)', () => {
  for (const text of SAMPLES) assert.deepEqual(getEncoder('o200k_harmony').encode(text), getEncoder('o200k_base').encode(text));
});

test('encoders are built once and reused', () => {
  assert.equal(getEncoder('cl100k_base'), getEncoder('cl100k_base'));
});

test('decoding a cut character gives U+FFFD and does not leak into the next call', () => {
  const encoder = getEncoder('o200k_base');
  const tokens = encoder.encode('a🦊b'); // the fox spans several byte tokens
  assert.ok(tokens.length > 3);
  assert.equal(encoder.decode(tokens.slice(0, 2)), 'a\uFFFD');
  assert.equal(encoder.decode(tokens.slice(1)), '🦊b');
  assert.equal(encoder.decode(tokens), 'a🦊b');
});

test('a rank table is loaded only when its encoder is first asked for', () => {
  // a fresh process: this file's other tests have loaded every table already
  const script = [
    "import { createRequire } from 'node:module';",
    "const { getEncoder } = await import('./src/core/tokens/encoders.ts');",
    'const cache = createRequire(import.meta.url).cache;',
    "const loaded = () => Object.keys(cache).filter((path) => path.includes('bpeRanks')).map((path) => path.replace(/^.*bpeRanks[\\\\/]/, ''));",
    'const before = loaded();',
    "const count = getEncoder('p50k_edit').count('hello world');",
    'console.log(JSON.stringify({ before, after: loaded(), count }));',
  ].join('\n');
  const output = execFileSync(process.execPath, ['--import', TYPESCRIPT, '--input-type=module', '-e', script], { cwd: new URL('../../..', import.meta.url), encoding: 'utf8' });
  assert.deepEqual(JSON.parse(output), { before: [], after: ['p50k_base.js'], count: 2 });
});
