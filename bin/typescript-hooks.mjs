// Node module hooks that run costops's TypeScript sources directly: each `.ts` file outside
// node_modules is stripped of its types by esbuild when it is first imported (no build step, no
// output beside the sources). tsx does the same, but always with esbuild's keepNames, which wraps
// every function and closure in a `__name()` call that redefines its `name` (an
// Object.defineProperty and a map change per closure created: ~6% of the gateway's instructions
// per request). Nothing here renames identifiers, so names are JavaScript's own. Source maps are
// inline: stack traces point at the .ts lines.
//
// The JavaScript of each file is kept in a cache folder under the OS temp dir, keyed by a hash
// of the source, the options and esbuild's version, so a later start reads it instead of asking
// esbuild (which is then not even started). A cache that cannot be read or written, or a folder
// this user does not own alone, is skipped. Entries of sources that changed stay until the OS
// clears its temp dir.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The compiler options of tsconfig.json that change emitted code (the rest only type-check).
const TSCONFIG = { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } };
const OPTIONS = { loader: 'ts', format: 'esm', target: `node${process.versions.node}`, sourcemap: 'inline', tsconfigRaw: TSCONFIG };
const ESBUILD_VERSION = createRequire(import.meta.url)('esbuild/package.json').version;
const CACHE = cacheFolder();

/** esbuild's transform, loaded on the first file the cache does not have. */
let transform;

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const key = createHash('sha256').update(`${ESBUILD_VERSION}\0${JSON.stringify(OPTIONS)}\0${path}\0${source}`).digest('hex');
  let code = CACHE && readCached(key);
  if (code === undefined) {
    transform ??= (await import('esbuild')).transform;
    code = (await transform(source, { ...OPTIONS, sourcefile: path })).code;
    if (CACHE) writeCached(key, code);
  }
  return { format: 'module', source: code, shortCircuit: true };
}

/** The cache folder, or undefined when there is none to trust (code read from it runs as this user). */
function cacheFolder() {
  try {
    const { uid } = userInfo();
    const folder = join(tmpdir(), `costops-ts-${uid}`);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // a folder someone else made, or others may write to, is not used
    const stat = statSync(folder);
    return stat.uid === uid && (stat.mode & 0o022) === 0 ? folder : undefined;
  } catch {
    return undefined;
  }
}

function readCached(key) {
  try {
    return readFileSync(join(CACHE, `${key}.js`), 'utf8');
  } catch {
    return undefined;
  }
}

function writeCached(key, code) {
  const file = join(CACHE, `${key}.js`);
  const partial = `${file}.${process.pid}.tmp`;
  try {
    // written whole, then renamed: a reader never sees half a file
    writeFileSync(partial, code);
    renameSync(partial, file);
  } catch {
    // a read-only or full temp dir only costs the next start a transform
  }
}
