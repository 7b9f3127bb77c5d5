// bin/register-typescript.mjs: how costops runs its TypeScript (decision 0006), with its cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const REGISTER = new URL('../../bin/register-typescript.mjs', import.meta.url).href;

test('types are stripped, names stay, stack traces name the .ts line; an edited file is not served from the cache', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'costops-loader-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'sample.ts');
  const run = () => execFileSync(process.execPath, ['--import', REGISTER, file], { encoding: 'utf8', env: { ...process.env, TMPDIR: dir } }).trim();
  const program = (word: string) =>
    [
      'interface Shape { readonly side: number }',
      `const area = (shape: Shape): number => shape.side ** 2;`,
      'class Box { size: number = 3; }',
      '',
      `console.log('${word}', area({ side: new Box().size }), area.name, Box.name, new Error('x').stack!.split('\\n')[1]!.trim());`,
    ].join('\n');
  writeFileSync(file, program('first'));
  assert.equal(run(), `first 9 area Box at <anonymous> (${file}:5:75)`);
  const cache = join(dir, `costops-ts-${userInfo().uid}`);
  assert.equal(readdirSync(cache).length, 1, 'the JavaScript went to the cache');
  assert.equal(run(), `first 9 area Box at <anonymous> (${file}:5:75)`, 'read back from the cache');
  writeFileSync(file, program('second'));
  assert.match(run(), /^second 9 area Box /);
  assert.equal(readdirSync(cache).length, 2);
  // a cache folder others may write to is not trusted: nothing is read from it or added to it
  chmodSync(cache, 0o777);
  writeFileSync(file, program('third'));
  assert.match(run(), /^third /);
  assert.equal(readdirSync(cache).length, 2);
});
