// Runs every *.test.ts under src/ and test/ with node's own test runner (TypeScript through bin/register-typescript.mjs, as npm start runs it).
// Extra arguments narrow the run: `npm test -- src/core/money` runs the files under that path.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(dir, out) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['src', 'test'];
const files = roots.flatMap((root) => (root.endsWith('.test.ts') ? [root] : collect(root, []))).sort();
if (files.length === 0) {
  console.error('no test files found under: ' + roots.join(', '));
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', new URL('../bin/register-typescript.mjs', import.meta.url).href, '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
